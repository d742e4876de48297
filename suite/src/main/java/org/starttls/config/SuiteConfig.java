package org.starttls.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.starttls.cases.Texts;
import org.starttls.client.ClientSettings;
import org.starttls.client.Target;
import org.starttls.client.TrustConfig;
import org.starttls.clientmode.ClientUnderTest;
import org.starttls.requirements.Requirement;
import org.starttls.summary.Gate;
import org.starttls.summary.Profile;
import org.starttls.summary.Role;
import org.starttls.targets.DnsSettings;
import org.starttls.targets.DomainNames;
import org.starttls.targets.PlannedTarget;
import org.starttls.targets.Politeness;
import org.starttls.targets.PolitenessLimits;
import org.starttls.targets.Shard;
import org.starttls.targets.TargetsFile;

/**
 * The run's configuration (DESIGN §6), read from system properties, with environment variables
 * ({@code SMTP_TARGET} for {@code smtp.target}) as a fallback. Every value is checked before any connection.
 *
 * @param targets     servers under test ({@code smtp.target}, {@code smtp.targets.file}, {@code smtp.mx}, ...); none
 *                    means the embedded reference server
 * @param trust       "system", "any" or the path of a PEM file with trusted CA certificates
 * @param select      globs over requirement ids; empty selects everything
 * @param reportLang  the language of the HTML summary and the console: {@code en} or {@code de}
 * @param politeness  sessions at once ({@code smtp.concurrency}) and per window ({@code smtp.rate}) per server address
 * @param tlsStrict   judge the certificate of an {@code offer-tls} target at the RFC 7817 levels instead of reporting
 *                    its problems at INFO level (RFC 7435)
 * @param credentials the AUTH account of {@code smtp.auth.user} and {@code smtp.auth.password}, if given
 * @param retry421    {@code smtp.retry.421}: the pause before a case that ended INCONCLUSIVE on a 421 is run once more
 * @param client      client mode (DESIGN §9): the client under test ({@code smtp.client.*}); empty for a server run
 */
public record SuiteConfig(TargetSettings targets, Profile profile, String trust, Optional<String> serverName, String helo,
                          Gate gate, List<String> select, Path reportDir, String reportLang, Duration timeout,
                          Politeness.Limits politeness, boolean tlsStrict, Optional<Credentials> credentials,
                          Optional<Duration> retry421, Optional<ClientUnderTest> client) {

    public static final String PREFIX = "smtp.";
    private static final Set<String> KNOWN = Set.of("smtp.target", "smtp.profile", "smtp.tls.trust", "smtp.tls.servername",
            "smtp.helo", "smtp.gate", "smtp.select", "smtp.report.dir", "smtp.report.lang", "smtp.timeout",
            "smtp.concurrency", "smtp.tls.strict", "smtp.auth.user", "smtp.auth.password", "smtp.retry.421",
            "smtp.targets.file", "smtp.mx", "smtp.mx.port", "smtp.dns.server", "smtp.shard", "smtp.rate",
            ClientModeSettings.COMMAND, ClientModeSettings.DRIVER, ClientModeSettings.PROFILE, ClientModeSettings.TIMEOUT);
    private static final String PASSWORD = "smtp.auth.password";
    private static final Duration MAX_RETRY_PAUSE = Duration.ofMinutes(5);
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s)?");
    private static final Pattern HELO = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]{1,255}");
    private static final Pattern RATE = Pattern.compile("(\\d{1,5})(?:\\s*/\\s*(\\S+))?");
    private static final String RATE_EXAMPLE = "write sessions per minute and server address such as 10, a number per "
            + "window such as 30/60s, or none";

    public SuiteConfig {
        select = List.copyOf(select);
    }

    /**
     * The {@code smtp.*} settings of this JVM, unchecked: environment variables ({@code SMTP_TLS_TRUST} for
     * {@code smtp.tls.trust}), overridden by system properties. Takes {@code smtp.auth.password} out of the system
     * properties: tools that copy every system property into their reports (Surefire does) must not see it.
     */
    public static Map<String, String> settingsFromEnvironment() {
        Map<String, String> props = new java.util.HashMap<>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("SMTP_")) {
                props.put(k.toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX))
                .forEach(k -> props.put(k, System.getProperty(k)));
        System.clearProperty(PASSWORD);
        return props;
    }

    /**
     * Where the reports of these settings go, read on its own: even a run whose other settings are refused writes its
     * summary.json there, so no door ever reads a previous run's.
     */
    public static Path reportDir(Map<String, String> props) {
        String dir = Optional.ofNullable(props.get("smtp.report.dir")).map(String::trim).filter(v -> !v.isEmpty())
                .orElse("target/smtp-report");
        return Path.of(dir).toAbsolutePath().normalize();
    }

    /** Parses and validates; throws {@link ConfigException} naming the property, the value and what to write instead. */
    public static SuiteConfig from(Map<String, String> props) {
        Set<String> unknown = new TreeSet<>(props.keySet());
        unknown.removeAll(KNOWN);
        unknown.removeIf(k -> !k.startsWith(PREFIX));
        if (!unknown.isEmpty()) {
            throw new ConfigException(Texts.of("config.unknown_property", String.join(", ", unknown),
                    String.join(", ", new TreeSet<>(KNOWN))));
        }
        Function<String, Optional<String>> get = key -> Optional.ofNullable(props.get(key)).map(String::trim).filter(v -> !v.isEmpty());
        Optional<ClientUnderTest> client = ClientModeSettings.read(props, get);

        Profile profile = get.apply("smtp.profile").map(SuiteConfig::serverProfile).orElse(Profile.REQUIRE_TLS);
        TargetSettings targets = targetSettings(get, profile);
        String trust = get.apply("smtp.tls.trust").map(SuiteConfig::checkTrust).orElse("system");
        Optional<String> serverName = get.apply("smtp.tls.servername");
        String helo = get.apply("smtp.helo").orElse("conformance.invalid");
        if (!HELO.matcher(helo).matches()) {
            throw new ConfigException(Texts.of("config.helo", helo));
        }
        Gate gate = get.apply("smtp.gate").map(v -> parse("smtp.gate", v, Gate::parse)).orElse(Gate.MUST);
        List<String> select = get.apply("smtp.select")
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
        String reportLang = reportLang(get.apply("smtp.report.lang").orElse("en"));
        Path reportDir = reportDir(props);
        Duration timeout = get.apply("smtp.timeout").map(v -> parseDuration("smtp.timeout", v)).orElse(Duration.ofSeconds(5));
        Politeness.Limits politeness = Politeness.Limits.of(get.apply("smtp.concurrency").map(SuiteConfig::parseConcurrency),
                get.apply("smtp.rate").map(SuiteConfig::parseRate));
        boolean tlsStrict = get.apply("smtp.tls.strict").map(SuiteConfig::parseStrict).orElse(false);
        if (tlsStrict && trust.equals("any")) {
            throw new ConfigException(Texts.of("config.strict_any"));
        }
        // not trimmed: blanks may belong to a password
        Optional<Credentials> credentials = credentials(Optional.ofNullable(props.get("smtp.auth.user")).filter(v -> !v.isEmpty()),
                Optional.ofNullable(props.get("smtp.auth.password")).filter(v -> !v.isEmpty()), trust);
        Optional<Duration> retry421 = get.apply("smtp.retry.421").map(SuiteConfig::parseRetryPause);
        return new SuiteConfig(targets, profile, trust, serverName, helo, gate, select, reportDir, reportLang, timeout,
                politeness, tlsStrict, credentials, retry421, client);
    }

    /** True when no target was given and the embedded reference server stands in. */
    public boolean embedded() {
        return targets.isEmpty();
    }

    /** Whether a requirement id is selected by {@code smtp.select}. */
    public boolean selects(String requirementId) {
        return select.isEmpty() || select.stream().anyMatch(glob -> globToRegex(glob).matcher(requirementId).matches());
    }

    /** The client engine's settings for this run: one SslContext and one event loop group for all sessions. */
    public ClientSettings clientSettings() {
        ClientSettings settings = ClientSettings.defaults().withConnectTimeout(timeout).withReplyTimeout(timeout)
                .withTrust(TrustConfig.parse(trust));
        return serverName.map(name -> settings.withServerNames(List.of(name))).orElse(settings);
    }

    /** This configuration with {@code newTargets} as its only targets (the embedded server), trusting {@code newTrust}. */
    public SuiteConfig withTargets(List<Target> newTargets, String newTrust) {
        List<PlannedTarget> listed = newTargets.stream().map(t -> PlannedTarget.listed(t, profile, "embedded", 0)).toList();
        TargetSettings only = new TargetSettings(listed, List.of(), Optional.empty(), targets.mxPort(), Shard.ALL);
        return new SuiteConfig(only, profile, newTrust, serverName, helo, gate, select, reportDir, reportLang, timeout,
                politeness, tlsStrict, credentials, retry421, client);
    }

    /** This configuration with {@code clientUnderTest} as the client under test: a client-mode run. */
    public SuiteConfig withClient(ClientUnderTest clientUnderTest) {
        return new SuiteConfig(targets, profile, trust, serverName, helo, gate, select, reportDir, reportLang, timeout,
                politeness, tlsStrict, credentials, retry421, Optional.of(clientUnderTest));
    }

    /** The profile the run judges against: the client's declared policy in client mode, else {@code smtp.profile}. */
    public Profile effectiveProfile() {
        return client.map(ClientUnderTest::profile).orElse(profile);
    }

    /**
     * Checks {@code smtp.select} against what will run: it must name at least one case, and at least one of the
     * selected requirements must apply to the profile (globs that only match STARTTLS ids under implicit-tls would
     * make a run that checks nothing).
     */
    public void checkSelection(Collection<Requirement> selected) {
        checkSelection(selected, Set.of(profile));
    }

    /** {@link #checkSelection(Collection)} for a run whose targets have these profiles: some requirement must apply. */
    public void checkSelection(Collection<Requirement> selected, Collection<Profile> profiles) {
        if (select.isEmpty()) {
            return;
        }
        String globs = String.join(",", select);
        if (selected.isEmpty()) {
            throw new ConfigException(Texts.of("config.select_none", globs));
        }
        Collection<Profile> judged = client.isPresent() ? Set.of(effectiveProfile()) : profiles;
        if (!judged.isEmpty() && selected.stream().noneMatch(r -> judged.stream().anyMatch(r::appliesTo))) {
            String names = judged.stream().map(Profile::propertyValue).sorted().collect(java.util.stream.Collectors.joining(", "));
            String property = client.isPresent() ? "smtp.client.profile=" + names
                    : judged.equals(Set.of(profile)) ? "smtp.profile=" + names : "the targets' profiles (" + names + ")";
            throw new ConfigException(Texts.of("config.select_profile", globs, property));
        }
    }

    private static Optional<Credentials> credentials(Optional<String> user, Optional<String> password, String trust) {
        if (user.isEmpty() && password.isEmpty()) {
            return Optional.empty();
        }
        if (user.isEmpty() || password.isEmpty()) {
            throw new ConfigException(Texts.of("config.auth_pair"));
        }
        if ((user.get() + password.get()).chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ConfigException(Texts.of("config.auth_control"));
        }
        if (trust.equals("any")) {
            throw new ConfigException(Texts.of("config.auth_any"));
        }
        return Optional.of(new Credentials(user.get(), password.get()));
    }

    private static Duration parseRetryPause(String value) {
        Duration pause = parseDuration("smtp.retry.421", value);
        if (pause.compareTo(MAX_RETRY_PAUSE) > 0) {
            throw new ConfigException(Texts.of("config.retry_long", value));
        }
        return pause;
    }

    /** A profile of a server under test; a client's profile gets its own sentence, pointing to the client mode. */
    private static Profile serverProfile(String value) {
        boolean clientProfile;
        try {
            clientProfile = !Profile.any(value).describes(Role.SERVER);
        } catch (IllegalArgumentException unknown) {
            clientProfile = false;
        }
        if (clientProfile) {
            throw new ConfigException(Texts.of("config.profile_role", value));
        }
        return parse("smtp.profile", value, Profile::parse);
    }

    private static <T> T parse(String key, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(org.starttls.i18n.Messages.of(Texts.BUNDLE, org.starttls.i18n.Language.EN)
                    .has("config.invalid." + key) ? Texts.of("config.invalid." + key, value)
                    : Texts.of("config.parse", key, value, e.getMessage()));
        }
    }

    /** Every target setting, checked; the same server listed twice is one target, with two profiles it is refused. */
    private static TargetSettings targetSettings(Function<String, Optional<String>> get, Profile profile) {
        List<PlannedTarget> listed = new ArrayList<>();
        get.apply("smtp.target").map(SuiteConfig::parseTargets).ifPresent(targets -> {
            for (int i = 0; i < targets.size(); i++) {
                listed.add(PlannedTarget.listed(targets.get(i), profile, "smtp.target", i + 1));
            }
        });
        get.apply("smtp.targets.file").ifPresent(file -> listed.addAll(parse("smtp.targets.file", file,
                f -> TargetsFile.read(Path.of(f), profile))));
        Map<String, PlannedTarget> byKey = new java.util.LinkedHashMap<>();
        try {
            listed.forEach(t -> byKey.merge(t.key(), t, PlannedTarget::merge));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        List<String> domains = get.apply("smtp.mx").map(v -> parse("smtp.mx", v, DomainNames::parseList)).orElse(List.of());
        Optional<String> dnsServer = get.apply("smtp.dns.server");
        if (dnsServer.isPresent() && domains.isEmpty()) {
            throw new ConfigException("smtp.dns.server=" + dnsServer.get() + " is the resolver for smtp.mx, which is not set; "
                    + "give smtp.mx=example.org or leave smtp.dns.server out");
        }
        Optional<DnsSettings> dns = domains.isEmpty() ? Optional.empty() : Optional.of(dnsServer
                .map(v -> parse("smtp.dns.server", v, DnsSettings::server))
                .orElseGet(() -> parse("smtp.dns.server", "", x -> DnsSettings.system())));
        int mxPort = get.apply("smtp.mx.port").map(SuiteConfig::parseMxPort).orElse(TargetSettings.MX_PORT);
        Shard shard = get.apply("smtp.shard").map(v -> parse("smtp.shard", v, Shard::parse)).orElse(Shard.ALL);
        if (!shard.isAll() && byKey.isEmpty() && domains.isEmpty()) {
            throw new ConfigException("smtp.shard=" + shard + " divides smtp.target, smtp.targets.file and smtp.mx, and none "
                    + "of them is set; give the targets or leave smtp.shard out");
        }
        return new TargetSettings(List.copyOf(byKey.values()), domains, dns, mxPort, shard);
    }

    private static List<Target> parseTargets(String value) {
        List<Target> targets = new ArrayList<>();
        for (String part : value.split(",")) {
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            targets.add(parse("smtp.target", t, Target::parse));
        }
        if (targets.isEmpty()) {
            throw new ConfigException(Texts.of("config.target_none", value));
        }
        if (targets.stream().distinct().count() != targets.size()) {
            throw new ConfigException(Texts.of("config.target_twice", value));
        }
        return targets;
    }

    private static String checkTrust(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("system") || lower.equals("any")) {
            return lower;
        }
        Path pem = Path.of(value);
        if (!Files.isRegularFile(pem)) {
            throw new ConfigException(Texts.of("config.trust_missing", value));
        }
        if (!Files.isReadable(pem)) {
            throw new ConfigException(Texts.of("config.trust_unreadable", value));
        }
        parse("smtp.tls.trust", value, TrustConfig::parse);
        return pem.toAbsolutePath().toString();
    }

    /** {@code smtp.report.lang} (or the merge's {@code --report-lang}): {@code en} or {@code de}, else refused. */
    public static String reportLang(String value) {
        if (!value.equals("en") && !value.equals("de")) {
            throw new ConfigException(Texts.of("config.lang", value));
        }
        return value;
    }

    static Duration parseDuration(String key, String value) {
        Duration d = duration(value.trim()).orElseThrow(() -> new ConfigException(Texts.of("config.duration", key, value)));
        if (d.toMillis() < 50 || d.toSeconds() > 600) {
            throw new ConfigException(Texts.of("config.duration_range", key, value));
        }
        return d;
    }

    /** {@code 800ms}, {@code 5s}, {@code 1.5} (seconds), or empty. */
    private static Optional<Duration> duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        double amount = Double.parseDouble(m.group(1));
        return Optional.of(Duration.ofMillis((long) ("ms".equals(m.group(2)) ? amount : amount * 1000)));
    }

    /** {@code value} as {@link Integer#parseInt} reads it, if that is a number from min to max. */
    private static OptionalInt wholeNumber(String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            return n >= min && n <= max ? OptionalInt.of(n) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static boolean parseStrict(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(Texts.of("config.strict", value));
        };
    }

    private static int parseConcurrency(String value) {
        return wholeNumber(value.trim(), 1, 50).orElseThrow(() -> new ConfigException(Texts.of("config.concurrency", value)));
    }

    private static int parseMxPort(String value) {
        return (value.matches("\\d{1,5}") ? wholeNumber(value, 1, 65535) : OptionalInt.empty()).orElseThrow(() ->
                new ConfigException("smtp.mx.port='" + value + "' is not a port from 1 to 65535; leave it out for 25, "
                        + "where MX hosts receive mail"));
    }

    /**
     * {@code 10} (per minute), {@code 30/60s}, {@code 5/2s}, or {@code none} (no rate limit): the starts and the window
     * of the limits ({@code Politeness.Limits.of} reads nothing else of them).
     */
    private static PolitenessLimits parseRate(String value) {
        if (value.equalsIgnoreCase("none")) {
            return new PolitenessLimits(1, PolitenessLimits.UNLIMITED, PolitenessLimits.DEFAULT_WINDOW);
        }
        Matcher m = RATE.matcher(value.trim());
        int sessions = (m.matches() ? wholeNumber(m.group(1), 1, 10_000) : OptionalInt.empty()).orElseThrow(() ->
                new ConfigException("smtp.rate='" + value + "' is not a rate from 1 to 10000 sessions; " + RATE_EXAMPLE));
        Duration window = duration(m.group(2) == null ? "60s" : m.group(2)).orElseThrow(() ->
                new ConfigException("smtp.rate='" + value + "' has no window after the /; " + RATE_EXAMPLE));
        if (window.toMillis() < 1000 || window.toSeconds() > 3600) {
            throw new ConfigException("smtp.rate='" + value + "' has a window outside 1s..3600s; " + RATE_EXAMPLE);
        }
        return new PolitenessLimits(1, sessions, window);
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}

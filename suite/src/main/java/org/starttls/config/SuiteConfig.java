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

/**
 * The run's configuration (DESIGN §6), read from system properties, with environment variables
 * ({@code SMTP_TARGET} for {@code smtp.target}) as a fallback. Every value is checked before any connection.
 *
 * @param targets     servers under test; empty means the embedded reference server
 * @param trust       "system", "any" or the path of a PEM file with trusted CA certificates
 * @param select      globs over requirement ids; empty selects everything
 * @param reportLang  the language of the HTML summary and the console: {@code en} or {@code de}
 * @param concurrency how many scenarios may hold a connection to one target at the same time
 * @param tlsStrict   judge the certificate of an {@code offer-tls} target at the RFC 7817 levels instead of reporting
 *                    its problems at INFO level (RFC 7435)
 * @param credentials the AUTH account of {@code smtp.auth.user} and {@code smtp.auth.password}, if given
 * @param retry421    {@code smtp.retry.421}: the pause before a case that ended INCONCLUSIVE on a 421 is run once more
 * @param client      client mode (DESIGN §9): the client under test ({@code smtp.client.*}); empty for a server run
 */
public record SuiteConfig(List<Target> targets, Profile profile, String trust, Optional<String> serverName, String helo,
                          Gate gate, List<String> select, Path reportDir, String reportLang, Duration timeout,
                          int concurrency, boolean tlsStrict, Optional<Credentials> credentials,
                          Optional<Duration> retry421, Optional<ClientUnderTest> client) {

    public static final String PREFIX = "smtp.";
    private static final Set<String> KNOWN = Set.of("smtp.target", "smtp.profile", "smtp.tls.trust", "smtp.tls.servername",
            "smtp.helo", "smtp.gate", "smtp.select", "smtp.report.dir", "smtp.report.lang", "smtp.timeout",
            "smtp.concurrency", "smtp.tls.strict", "smtp.auth.user", "smtp.auth.password", "smtp.retry.421",
            ClientModeSettings.COMMAND, ClientModeSettings.DRIVER, ClientModeSettings.PROFILE, ClientModeSettings.TIMEOUT);
    private static final String PASSWORD = "smtp.auth.password";
    private static final Duration MAX_RETRY_PAUSE = Duration.ofMinutes(5);
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s)?");
    private static final Pattern HELO = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]{1,255}");

    public SuiteConfig {
        targets = List.copyOf(targets);
        select = List.copyOf(select);
    }

    /**
     * Reads the configuration of this JVM: system properties first, then environment variables. Takes
     * {@code smtp.auth.password} out of the system properties.
     */
    public static SuiteConfig fromEnvironment() {
        return from(settingsFromEnvironment());
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

        List<Target> targets = get.apply("smtp.target").map(SuiteConfig::parseTargets).orElse(List.of());
        Profile profile = get.apply("smtp.profile").map(v -> parse("smtp.profile", v, Profile::parse)).orElse(Profile.REQUIRE_TLS);
        String trust = get.apply("smtp.tls.trust").map(SuiteConfig::checkTrust).orElse("system");
        Optional<String> serverName = get.apply("smtp.tls.servername");
        String helo = get.apply("smtp.helo").orElse("conformance.invalid");
        if (!HELO.matcher(helo).matches()) {
            throw new ConfigException(Texts.of("config.helo", helo));
        }
        Gate gate = get.apply("smtp.gate").map(v -> parse("smtp.gate", v, Gate::parse)).orElse(Gate.MUST);
        List<String> select = get.apply("smtp.select")
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
        String reportLang = get.apply("smtp.report.lang").orElse("en");
        if (!reportLang.equals("en") && !reportLang.equals("de")) {
            throw new ConfigException(Texts.of("config.lang", reportLang));
        }
        Path reportDir = reportDir(props);
        Duration timeout = get.apply("smtp.timeout").map(v -> parseDuration("smtp.timeout", v)).orElse(Duration.ofSeconds(5));
        int concurrency = get.apply("smtp.concurrency").map(SuiteConfig::parseConcurrency).orElse(4);
        boolean tlsStrict = get.apply("smtp.tls.strict").map(SuiteConfig::parseStrict).orElse(false);
        if (tlsStrict && trust.equals("any")) {
            throw new ConfigException(Texts.of("config.strict_any"));
        }
        // not trimmed: blanks may belong to a password
        Optional<Credentials> credentials = credentials(Optional.ofNullable(props.get("smtp.auth.user")).filter(v -> !v.isEmpty()),
                Optional.ofNullable(props.get("smtp.auth.password")).filter(v -> !v.isEmpty()), trust);
        Optional<Duration> retry421 = get.apply("smtp.retry.421").map(SuiteConfig::parseRetryPause);
        return new SuiteConfig(targets, profile, trust, serverName, helo, gate, select, reportDir, reportLang, timeout,
                concurrency, tlsStrict, credentials, retry421, client);
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
        return serverName.map(settings::withServerName).orElse(settings);
    }

    public SuiteConfig withTargets(List<Target> newTargets, String newTrust) {
        return new SuiteConfig(newTargets, profile, newTrust, serverName, helo, gate, select, reportDir, reportLang, timeout,
                concurrency, tlsStrict, credentials, retry421, client);
    }

    /** This configuration with {@code clientUnderTest} as the client under test: a client-mode run. */
    public SuiteConfig withClient(ClientUnderTest clientUnderTest) {
        return new SuiteConfig(targets, profile, trust, serverName, helo, gate, select, reportDir, reportLang, timeout,
                concurrency, tlsStrict, credentials, retry421, Optional.of(clientUnderTest));
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
        if (select.isEmpty()) {
            return;
        }
        String globs = String.join(",", select);
        if (selected.isEmpty()) {
            throw new ConfigException(Texts.of("config.select_none", globs));
        }
        if (selected.stream().noneMatch(r -> r.appliesTo(effectiveProfile()))) {
            throw new ConfigException(Texts.of("config.select_profile", globs,
                    (client.isPresent() ? "smtp.client.profile=" : "smtp.profile=") + effectiveProfile().propertyValue()));
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

    private static <T> T parse(String key, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(org.starttls.i18n.Messages.of(Texts.BUNDLE, org.starttls.i18n.Language.EN)
                    .has("config.invalid." + key) ? Texts.of("config.invalid." + key, value)
                    : Texts.of("config.parse", key, value, e.getMessage()));
        }
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

    static Duration parseDuration(String key, String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            throw new ConfigException(Texts.of("config.duration", key, value));
        }
        double amount = Double.parseDouble(m.group(1));
        Duration d = "ms".equals(m.group(2)) ? Duration.ofMillis((long) amount) : Duration.ofMillis((long) (amount * 1000));
        if (d.toMillis() < 50 || d.toSeconds() > 600) {
            throw new ConfigException(Texts.of("config.duration_range", key, value));
        }
        return d;
    }

    private static boolean parseStrict(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(Texts.of("config.strict", value));
        };
    }

    private static int parseConcurrency(String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= 64) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the allowed range
        }
        throw new ConfigException(Texts.of("config.concurrency", value));
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

package org.starttls.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.starttls.RunResult;
import org.starttls.Suite;
import org.starttls.config.SuiteConfig;
import org.starttls.i18n.Language;
import org.starttls.reports.ComplianceGate;
import org.starttls.reports.Findings;
import org.starttls.run.SummaryBuilder;
import org.starttls.summary.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * The command-line tool: {@code java -jar smtp-starttls.jar [OPTIONS] [HOST:PORT...]}. Every option is a
 * {@code smtp.*} property ({@code --tls-trust} is {@code smtp.tls.trust}); environment variables ({@code SMTP_*}) and
 * {@code -D} properties fill in what the command line leaves out. Without a target it runs against the embedded
 * reference server. Exit codes: 0 gate passed, 1 a gated requirement FAILed, 2 a target could not be evaluated,
 * 3 a configuration or usage error.
 */
@Command(name = "smtp-starttls", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        exitCodeOnInvalidInput = 3, exitCodeOnExecutionException = 3, sortOptions = false, usageHelpWidth = 110,
        subcommands = {GateCommand.class, ClientCommand.class, MergeCommand.class},
        description = {"Checks that an SMTP server handles STARTTLS as RFC 3207 says: mail commands before STARTTLS "
                + "refused with 530 5.7.0, a working upgrade, and everything from the cleartext phase forgotten "
                + "inside TLS. The client subcommand tests an SMTP client instead (the suite plays the server).", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the gate passed", "1:a requirement at or above the gate level FAILed",
                "2:no gate failure, but a target could not be evaluated (unreachable, no greeting, STARTTLS unusable)",
                "3:a configuration or usage error, refused before any connection"},
        footerHeading = "%nEnvironment:%n",
        footer = {"Every option can also be given as an environment variable (SMTP_TLS_TRUST for --tls-trust) or a "
                + "system property (-Dsmtp.tls.trust=...); the command line wins. Give the AUTH password as "
                + "SMTP_AUTH_PASSWORD, never on the command line."})
public final class Main implements Callable<Integer> {

    @Parameters(paramLabel = "HOST:PORT", arity = "0..*",
            description = "servers under test (smtp.target); none (and no --targets-file, --mx): the embedded reference "
                    + "server")
    List<String> targets = List.of();

    @Option(names = "--targets-file", paramLabel = "FILE",
            description = "one target a line: host:port and optionally its profile; # starts a comment")
    String targetsFile;

    @Option(names = "--mx", paramLabel = "DOMAINS",
            description = "comma-separated mail domains: every address of every MX host is tested on port 25 (offer-tls)")
    String mx;

    @Option(names = "--dns-server", paramLabel = "IP:PORT", description = "the resolver for --mx; default the system's")
    String dnsServer;

    @Option(names = "--mx-port", paramLabel = "PORT", description = "port of the MX hosts, for test setups; default 25")
    String mxPort;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "test the I-th of N deterministic parts of the targets (1-based); merge the parts' report "
                    + "folders with the merge command")
    String shard;

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "require-tls (the server mandates STARTTLS), offer-tls (public MX: offers, must not require), "
                    + "implicit-tls (port 465); default require-tls")
    String profile;

    @Option(names = "--tls-trust", paramLabel = "PEM|system|any",
            description = "trusted CAs: a PEM file, the system's, or any (no chain check); default system")
    String tlsTrust;

    @Option(names = "--tls-servername", paramLabel = "NAME",
            description = "expected server name (SNI and identity check); default the host part of the target")
    String tlsServername;

    @Option(names = "--tls-strict", paramLabel = "true|false",
            description = "judge an offer-tls target's certificate at the RFC 7817 levels; default false")
    String tlsStrict;

    @Option(names = "--helo", paramLabel = "NAME", description = "EHLO argument; default conformance.invalid")
    String helo;

    @Option(names = "--gate", paramLabel = "MUST|SHOULD|NONE",
            description = "which FAILs fail the run: MUST (MUST/MUST NOT), SHOULD (also SHOULD/SHOULD NOT), NONE; "
                    + "default MUST")
    String gate;

    @Option(names = "--select", paramLabel = "GLOBS", description = "comma-separated globs over requirement ids, "
            + "e.g. RFC3207-4.2-*; default all")
    String select;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "where summary.json and the reports go; "
            + "default target/smtp-report")
    String reportDir;

    @Option(names = "--report-lang", paramLabel = "en|de", description = "language of the reports and the console "
            + "summary (RFC quotes stay English); default en")
    String reportLang;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "per-reply timeout, e.g. 5s or 800ms; default 5s")
    String timeout;

    @Option(names = "--concurrency", paramLabel = "N", description = "sessions open at once per server address "
            + "(an IP address; on loopback each port); default 2, on loopback 4")
    String concurrency;

    @Option(names = "--rate", paramLabel = "N[/WINDOW]|none", description = "sessions per server address in any "
            + "minute (or WINDOW, e.g. 30/60s), counted until a window after each ends; default 10, on loopback none")
    String rate;

    @Option(names = "--auth-user", paramLabel = "USER",
            description = "an account for the cases that authenticate inside TLS (password: SMTP_AUTH_PASSWORD)")
    String authUser;

    @Option(names = "--retry-421", paramLabel = "DURATION",
            description = "pause before a case that ended on a 421 is run once more, e.g. 30s; default no retry")
    String retry421;

    @Option(names = "--defer-gate",
            description = "write the reports and exit 0; the gate or merge command decides the exit code later (Maven "
                    + "runs the Allure report in between; shards are merged first)")
    boolean deferGate;

    final PrintStream out;

    Main(PrintStream out) {
        this.out = out;
    }

    /**
     * Ends the JVM with the exit code: Netty's shutdown leaves a non-daemon thread that would hold the finished tool for
     * another second. Maven's two steps ({@code --defer-gate}, {@code gate DIR}) run inside Maven's JVM and return
     * normally on 0, so that the build goes on.
     */
    public static void main(String[] args) {
        int code = execute(System.out, args);
        System.out.flush();
        boolean mavenStep = List.of(args).contains("--defer-gate") || (args.length > 0 && args[0].equals("gate"));
        if (code != 0 || !mavenStep) {
            System.exit(code);
        }
    }

    /** Runs the tool as {@link #main} does, without ending the JVM; returns the exit code. */
    public static int execute(PrintStream out, String... args) {
        CommandLine cli = new CommandLine(new Main(out));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setParameterExceptionHandler(Main::usageError);
        return cli.execute(args);
    }

    /**
     * A command line picocli cannot parse (an unknown option, a missing value) is a configuration error like a bad
     * setting: one sentence on the console, exit code 3, and summary.json and the HTML in the report folder say so.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintStream out = ((Main) cli.getCommandSpec().root().userObject()).out;
        String reason = "command line: " + e.getMessage() + "; run with --help for the options";
        Object command = cli.getCommandSpec().userObject();
        if (command instanceof GateCommand || command instanceof MergeCommand) {
            // these read reports another run wrote: a refusal written into a report folder would replace them
            return refusedWithoutReport(out, reason);
        }
        Map<String, String> settings = new LinkedHashMap<>(SuiteConfig.settingsFromEnvironment());
        for (int i = 0; i < args.length; i++) {
            // the report folder, if the unparsable command line names one, is where the refusal goes
            if (args[i].equals("--report-dir") && i + 1 < args.length) {
                settings.put("smtp.report.dir", args[i + 1]);
            } else if (args[i].startsWith("--report-dir=")) {
                settings.put("smtp.report.dir", args[i].substring("--report-dir=".length()));
            }
        }
        RunResult refused = Suite.refuse(SuiteConfig.reportDir(settings), reason, "Befehlszeile: " + e.getMessage()
                + "; --help zeigt die Optionen", settings.get("smtp.report.lang"));
        return ComplianceGate.print(refused.summary(), refused.reports(), out);
    }

    /** A refusal that must not touch any report folder: the reason on the console, exit code 3. */
    static int refusedWithoutReport(PrintStream out, String reason) {
        out.println("[smtp] CONFIGURATION ERROR: " + reason);
        out.println("[smtp] CONFIGURATION ERROR, exit code 3: nothing was run and no report was written");
        return ExitCode.CONFIGURATION_ERROR.code();
    }

    @Override
    public Integer call() {
        Map<String, String> settings = new LinkedHashMap<>(SuiteConfig.settingsFromEnvironment());
        put(settings, "smtp.target", targets.isEmpty() ? null : String.join(",", targets));
        put(settings, "smtp.targets.file", targetsFile);
        put(settings, "smtp.mx", mx);
        put(settings, "smtp.dns.server", dnsServer);
        put(settings, "smtp.mx.port", mxPort);
        put(settings, "smtp.shard", shard);
        put(settings, "smtp.profile", profile);
        put(settings, "smtp.tls.trust", tlsTrust);
        put(settings, "smtp.tls.servername", tlsServername);
        put(settings, "smtp.tls.strict", tlsStrict);
        put(settings, "smtp.helo", helo);
        put(settings, "smtp.gate", gate);
        put(settings, "smtp.select", select);
        put(settings, "smtp.report.dir", reportDir);
        put(settings, "smtp.report.lang", reportLang);
        put(settings, "smtp.timeout", timeout);
        put(settings, "smtp.concurrency", concurrency);
        put(settings, "smtp.rate", rate);
        put(settings, "smtp.auth.user", authUser);
        put(settings, "smtp.retry.421", retry421);
        RunResult result = Suite.run(settings, out);
        if (deferGate) {
            out.println("[smtp] " + Findings.messages(Language.orEnglish(result.summary().lang()))
                    .get("deferred", result.reportDir()));
            return 0;
        }
        return ComplianceGate.print(result.summary(), result.reports(), out);
    }

    static void put(Map<String, String> settings, String key, String value) {
        if (value != null) {
            settings.put(key, value);
        }
    }

    /** {@code --version}: the suite's version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"smtp-starttls " + SummaryBuilder.version()};
        }
    }
}

package org.starttls.cli;

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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code client [OPTIONS] COMMAND}: the client mode (DESIGN §9). The suite plays the server, once per case on a free
 * loopback port, runs COMMAND through {@code sh -c} with the {@code SMTP_TEST_*} variables (and {@code {host}}-style
 * placeholders), and judges what the client sent. The options are the {@code smtp.client.*} properties and the report
 * and gate options of the server mode.
 */
@Command(name = "client", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {"Tests an SMTP client: the suite plays the server (one fake server per case, on a free loopback "
                + "port), runs COMMAND once per case through sh -c, and judges what the client sent: STARTTLS when it must, "
                + "the certificate checked, nothing kept from before the handshake, no AUTH or mail in cleartext.", "",
                "COMMAND gets SMTP_TEST_HOST, SMTP_TEST_PORT, SMTP_TEST_CA, SMTP_TEST_SERVERNAME, SMTP_TEST_USER, "
                        + "SMTP_TEST_PASSWORD, SMTP_TEST_FROM, SMTP_TEST_TO and SMTP_TEST_SECURITY in its environment, "
                        + "and may use {host}, {port}, {ca}, {servername}, {user}, {password}, {from}, {to}.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the gate passed", "1:a requirement at or above the gate level FAILed",
                "2:the client never connected to the fake server in any case", "3:a configuration or usage error"})
final class ClientCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "the client under test, run through sh -c (smtp.client.command); quote it as one word")
    List<String> command = List.of();

    @Option(names = "--driver", paramLabel = "CLASS",
            description = "instead of COMMAND: a class on the class path implementing org.starttls.clientmode.ClientDriver, "
                    + "run inside this JVM (smtp.client.driver)")
    String driver;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "the client's declared policy: require-tls "
            + "(configured to require STARTTLS), opportunistic (STARTTLS when offered), implicit-tls (port 465 style); "
            + "default require-tls")
    String profile;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "how long one run of the client may take before its process tree is ended; default 60s")
    String timeout;

    @Option(names = "--gate", paramLabel = "MUST|SHOULD|NONE", description = "which FAILs fail the run; default MUST")
    String gate;

    @Option(names = "--select", paramLabel = "GLOBS", description = "comma-separated globs over requirement ids")
    String select;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "where summary.json and the reports go; "
            + "default target/smtp-report")
    String reportDir;

    @Option(names = "--report-lang", paramLabel = "en|de", description = "language of the HTML summary; default en")
    String reportLang;

    @Option(names = "--concurrency", paramLabel = "N", description = "cases run at the same time; default 4")
    String concurrency;

    @Option(names = "--defer-gate", hidden = true, description = "write the reports and exit 0")
    boolean deferGate;

    @Override
    public Integer call() {
        Map<String, String> settings = new LinkedHashMap<>(SuiteConfig.settingsFromEnvironment());
        Main.put(settings, "smtp.client.command", command.isEmpty() ? null : String.join(" ", command));
        Main.put(settings, "smtp.client.driver", driver);
        Main.put(settings, "smtp.client.profile", profile);
        Main.put(settings, "smtp.client.timeout", timeout);
        Main.put(settings, "smtp.gate", gate);
        Main.put(settings, "smtp.select", select);
        Main.put(settings, "smtp.report.dir", reportDir);
        Main.put(settings, "smtp.report.lang", reportLang);
        Main.put(settings, "smtp.concurrency", concurrency);
        RunResult result = !settings.containsKey("smtp.client.command") && !settings.containsKey("smtp.client.driver")
                ? Suite.refuse(SuiteConfig.reportDir(settings), "name the client under test: client \"COMMAND\" or client "
                        + "--driver CLASS", "den zu prüfenden Client nennen: client \"BEFEHL\" oder client --driver KLASSE",
                        settings.get("smtp.report.lang"))
                : Suite.run(settings, main.out);
        if (deferGate) {
            main.out.println("[smtp] " + Findings.messages(Language.orEnglish(result.summary().lang()))
                    .get("deferred", result.reportDir()));
            return 0;
        }
        return ComplianceGate.print(result.summary(), result.reports(), main.out);
    }
}

package org.starttls.maven;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.starttls.RunResult;
import org.starttls.Suite;
import org.starttls.config.SuiteConfig;
import org.starttls.reports.ComplianceGate;
import org.starttls.reports.HtmlSummary;
import org.starttls.summary.ExitCode;

/**
 * {@code mvn org.starttls:starttls-maven-plugin:check}: one conformance run against the servers given (or the embedded
 * reference server), with the same {@code smtp.*} properties, reports and gate as {@code mvn verify} in the suite's own
 * repository and the command-line tool. Runs with or without a project; bound in a POM it runs in {@code verify}.
 *
 * <p>How the exit codes of the other doors surface in Maven: 0 is success; 1 (a requirement at or above the gate level
 * FAILed) and 2 (a target could not be evaluated) fail the build with a {@link MojoFailureException}, the server's
 * expected kind of failure, unless {@code failOnGate} is {@code false}, which logs them as a warning; 3 (a refused
 * configuration) always fails it with a {@link MojoExecutionException}, the build's own mistake. The code is also left
 * in the project property {@code smtp.exit.code}.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public final class CheckMojo extends AbstractMojo {

    /** The project property that holds the run's exit code for later build steps. */
    static final String EXIT_CODE = "smtp.exit.code";

    /**
     * Where summary.json and the reports go ({@code smtp.report.dir}); default {@code target/smtp-report} of the project,
     * or of the current directory when there is no project.
     */
    @Parameter(property = "smtp.report.dir")
    File reportDir;

    /**
     * {@code smtp.*} settings for this execution, e.g. {@code <smtp.target>mail.example.org:25</smtp.target>}; they win
     * over the same properties given with {@code -D}, in the POM's {@code <properties>} or as {@code SMTP_*} variables.
     * The AUTH password only ever as {@code SMTP_AUTH_PASSWORD}.
     */
    @Parameter
    Map<String, String> settings = Map.of();

    /** {@code false}: a gated FAIL (1) or a target not evaluated (2) is a warning and the build goes on. */
    @Parameter(property = "starttls.failOnGate", defaultValue = "true")
    boolean failOnGate;

    /** Skips the run. */
    @Parameter(property = "starttls.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("[smtp] skipped (starttls.skip)");
            return;
        }
        int code;
        String report;
        try (PrintStream console = new PrintStream(new LogStream(getLog()), true, "UTF-8")) {
            RunResult result = Suite.run(settings(), console);
            code = ComplianceGate.print(result.summary(), result.reports(), console);
            report = result.reportDir().resolve(HtmlSummary.FILE_NAME).toString();
        } catch (java.io.UnsupportedEncodingException e) {
            throw new MojoExecutionException("UTF-8 missing", e);
        }
        project.getProperties().setProperty(EXIT_CODE, String.valueOf(code));
        if (code == ExitCode.CONFIGURATION_ERROR.code()) {
            throw new MojoExecutionException("[smtp] the configuration was refused before any connection (exit code 3); "
                    + "the reason is printed above and in " + report);
        }
        if (code != ExitCode.PASSED.code()) {
            String what = code == ExitCode.GATE_FAILED.code()
                    ? "a requirement at or above the gate level FAILed (exit code 1)"
                    : "a target could not be evaluated (exit code 2)";
            if (!failOnGate) {
                getLog().warn("[smtp] " + what + "; the build goes on (starttls.failOnGate=false). Report: " + report);
                return;
            }
            throw new MojoFailureException("[smtp] " + what + "; see " + report);
        }
    }

    /**
     * The run's settings: {@code -Dsmtp.*} properties and {@code SMTP_*} environment variables; for what they leave
     * out, the POM's {@code smtp.*} properties; then the report folder and this execution's {@code <settings>}, which
     * win.
     */
    Map<String, String> settings() {
        Map<String, String> all = new LinkedHashMap<>(SuiteConfig.settingsFromEnvironment());
        Properties pom = project.getProperties();
        for (String key : pom.stringPropertyNames()) {
            if (key.startsWith(SuiteConfig.PREFIX) && !key.equals(EXIT_CODE)) {
                all.putIfAbsent(key, pom.getProperty(key));
            }
        }
        all.put("smtp.report.dir", reportDir().toString());
        all.putAll(settings);
        return all;
    }

    /** Without a POM, Maven's stand-in project has no usable build directory: then target/ of the current directory. */
    private Path reportDir() {
        if (reportDir != null) {
            return reportDir.toPath().toAbsolutePath();
        }
        Path target = project.getFile() != null ? Path.of(project.getBuild().getDirectory())
                : Path.of(session.getExecutionRootDirectory(), "target");
        return target.resolve("smtp-report").toAbsolutePath();
    }
}

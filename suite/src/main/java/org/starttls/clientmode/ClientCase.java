package org.starttls.clientmode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.starttls.cases.CaseContext;
import org.starttls.cases.CaseResult;
import org.starttls.cases.ConformanceCase;
import org.starttls.cases.Outcome;
import org.starttls.fixtures.realclients.ClientEnvironment;
import org.starttls.fixtures.realclients.ClientProfile;
import org.starttls.fixtures.realclients.ClientResult;
import org.starttls.fixtures.realclients.ClientRunner;
import org.starttls.requirements.Requirement;
import org.starttls.summary.Verdict;

/**
 * One client case: a fake server plays a {@link Scenario} on a free loopback port, the client under test runs once
 * against it ({@code SMTP_TEST_*} in its environment), and a check judges what the client sent. A client that never
 * connected is INCONCLUSIVE, and so is one that had to be ended, or left a connection open, without having broken the
 * rule: never PASS, never NOT_APPLICABLE. A check may ask for a control run (the same client against another scenario)
 * to tell what a piece of evidence means; its transcript follows the case's.
 */
public final class ClientCase implements ConformanceCase {

    /** How a check judges one session. */
    @FunctionalInterface
    public interface Judge {
        Outcome judge(ClientSession session);
    }

    /** How long the server waits for the connections of a client that has ended to close. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final int STDERR_SHOWN = 4000;
    private static final Pattern BASE64_WORD = Pattern.compile("[A-Za-z0-9+/]{12,}={0,2}");

    private final Requirement requirement;
    private final Scenario scenario;
    private final Judge judge;
    private final String source;

    public ClientCase(Requirement requirement, Scenario scenario, Class<?> check, Judge judge) {
        this.requirement = requirement;
        this.scenario = scenario;
        this.judge = judge;
        this.source = "The suite played the server: " + scenario.description() + ".\n(scenario " + scenario.name()
                + ", judged by the Java check " + check.getName() + ")";
    }

    @Override
    public CaseResult run(CaseContext context) {
        long started = System.nanoTime();
        if (!scenario.fits(context.profile())) {
            return result(Verdict.NOT_APPLICABLE, "the scenario " + scenario.name() + " cannot be played to a client "
                    + "of the profile " + context.profile(), "", started);
        }
        List<String> controls = new ArrayList<>();
        try {
            Played main = play(scenario, context, controls);
            Outcome outcome = verdict(main.session());
            String transcript = main.transcript() + String.join("", controls);
            return result(outcome.verdict(), outcome.detail(), transcript, started);
        } catch (IOException e) {
            return result(Verdict.INCONCLUSIVE, "the client under test could not be started: " + e.getMessage(), "", started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(Verdict.INCONCLUSIVE, "the run was stopped while the case was waiting", "", started);
        }
    }

    /** One run of the client against a server playing {@code played}, and its transcript. */
    private record Played(ClientSession session, String transcript) {
    }

    private Played play(Scenario played, CaseContext context, List<String> controls) throws IOException,
            InterruptedException {
        ClientModeContext mode = context.clientMode();
        ServerKit kit = mode.kit();
        try (FakeServer server = FakeServer.start(played, context.profile(), kit)) {
            ClientEnvironment environment = new ClientEnvironment("127.0.0.1", server.port(), kit.caFile(),
                    ServerKit.SERVER_NAME, ServerKit.USER, kit.password(), ServerKit.FROM, ServerKit.TO,
                    ClientProfile.of(context.profile().propertyValue()));
            ClientResult result = ClientRunner.run(mode.client().launch(), environment, mode.client().timeout());
            boolean settled = server.recording().awaitAllClosed(SETTLE);
            ClientSession session = new ClientSession(played, server.recording(), result, settled,
                    control -> control(control, context, controls));
            String transcript = server.recording().render() + (settled ? "" : "\n*** a connection was still open "
                    + SETTLE.toSeconds() + " s after the client ended") + "\n" + evidence(result, kit.password());
            return new Played(session, transcript);
        }
    }

    /** A control run a check asked for: played now, its transcript kept under the case's. */
    private Optional<ClientSession> control(Scenario control, CaseContext context, List<String> controls) {
        try {
            Played run = play(control, context, controls);
            controls.add("\n\n*** control run: the suite played the server again, to tell what the evidence above "
                    + "means: " + control.description() + " (scenario " + control.name() + ")\n" + run.transcript());
            return Optional.of(run.session());
        } catch (IOException e) {
            controls.add("\n\n*** control run " + control.name() + ": the client under test could not be started: "
                    + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * The check's verdict, unless the run did not let it be one: a PASS or NOT_APPLICABLE needs everything the client
     * would have sent on record, so a client that was ended at its time bound, or left a connection open, gets
     * INCONCLUSIVE instead (a FAIL stands: what it sent is on record).
     */
    private Outcome verdict(ClientSession session) {
        if (session.connections() == 0) {
            return Outcome.inconclusive("the client under test never connected to the fake server (" + session.ending()
                    + ")");
        }
        Outcome judged = judge.judge(session);
        String ending = "; " + session.ending();
        if (!session.finished() && (judged.verdict() == Verdict.PASS || judged.verdict() == Verdict.NOT_APPLICABLE)) {
            String why = session.result().timedOut() ? "the client did not finish within its time bound"
                    : "a connection was still open " + SETTLE.toSeconds() + " s after the client ended";
            return Outcome.inconclusive(judged.detail() + ", but " + why + ", so what it would have sent next is unknown"
                    + ending);
        }
        return new Outcome(judged.verdict(), judged.detail() + ending);
    }

    /** The client's exit and output, as evidence under the transcript; the account's password never shows. */
    private static String evidence(ClientResult result, String password) {
        StringBuilder out = new StringBuilder("*** client under test: ").append(result.summary());
        appendStream(out, "stdout", result.stdout(), password);
        appendStream(out, "stderr", result.stderr(), password);
        return out.toString();
    }

    private static void appendStream(StringBuilder out, String name, String text, String password) {
        String shown = masked(text, password).strip();
        if (shown.isEmpty()) {
            return;
        }
        if (shown.length() > STDERR_SHOWN) {
            shown = shown.substring(0, STDERR_SHOWN) + "\n... (" + (shown.length() - STDERR_SHOWN) + " more characters)";
        }
        out.append("\n*** client ").append(name).append(":\n").append(shown.indent(4).stripTrailing());
    }

    /**
     * {@code text} with the password gone: as it is, and inside any base64 word that decodes to something holding it
     * (an AUTH PLAIN initial response or a LOGIN response a client prints in its debug output).
     */
    static String masked(String text, String password) {
        Matcher words = BASE64_WORD.matcher(text.replace(password, ConnectionRecorder.MASK));
        StringBuilder out = new StringBuilder();
        while (words.find()) {
            String word = words.group();
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(word), StandardCharsets.ISO_8859_1);
            } catch (IllegalArgumentException notBase64) {
                decoded = "";
            }
            words.appendReplacement(out, Matcher.quoteReplacement(decoded.contains(password) ? ConnectionRecorder.MASK
                    : word));
        }
        return words.appendTail(out).toString();
    }

    private CaseResult result(Verdict verdict, String detail, String transcript, long started) {
        return new CaseResult(requirement, name(), description(), verdict, detail, transcript, List.of(),
                Duration.ofNanos(System.nanoTime() - started), Optional.empty(), source);
    }

    @Override
    public Requirement requirement() {
        return requirement;
    }

    @Override
    public String name() {
        return requirement.id() + "-" + scenario.name().replace('_', '-');
    }

    @Override
    public String description() {
        return "server plays: " + scenario.description();
    }

    @Override
    public String sourceText() {
        return source;
    }
}

package org.starttls.checks;

import static org.starttls.assertions.SmtpAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.starttls.assertions.ReplyAssert;
import org.starttls.cases.CaseContext;
import org.starttls.cases.CaseResult;
import org.starttls.cases.ConformanceCase;
import org.starttls.cases.Outcome;
import org.starttls.client.BudgetExhaustedException;
import org.starttls.client.NotClosedException;
import org.starttls.client.QuietResult;
import org.starttls.client.Reply;
import org.starttls.client.ReplyTimeoutException;
import org.starttls.client.SessionException;
import org.starttls.client.SmtpSession;
import org.starttls.client.TlsUpgrade;
import org.starttls.config.Credentials;
import org.starttls.requirements.Requirement;
import org.starttls.script.Expectation;
import org.starttls.script.Script;
import org.starttls.script.ScriptParser;
import org.starttls.script.Step;
import org.starttls.summary.Summary.StepResult;
import org.starttls.summary.Verdict;

/**
 * Runs a scenario script step by step and turns it into a verdict: a failed verdict step ({@code !}) is FAIL,
 * a failed setup step is INCONCLUSIVE, and so are a timeout and a 421 at any point.
 */
public final class ScriptCase implements ConformanceCase {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([a-z_]+)}");

    private final Requirement requirement;
    private final Script script;

    public ScriptCase(Requirement requirement, Script script) {
        this.requirement = requirement;
        this.script = script;
    }

    public Script script() {
        return script;
    }

    @Override
    public Requirement requirement() {
        return requirement;
    }

    @Override
    public String name() {
        return script.suffix().map(suffix -> requirement.id() + "-" + suffix).orElse(requirement.id());
    }

    @Override
    public String description() {
        return script.description();
    }

    @Override
    public List<String> needsClear() {
        return script.needsClear();
    }

    @Override
    public List<String> needsTls() {
        return script.needsTls();
    }

    @Override
    public String sourceText() {
        return script.text();
    }

    /** The sum of the script's QUIET periods. */
    @Override
    public Duration plannedWait() {
        return script.steps().stream().filter(Step.Quiet.class::isInstance).map(step -> ((Step.Quiet) step).period())
                .reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public CaseResult run(CaseContext context) {
        if (context.credentials().isEmpty() && usesSecrets()) {
            return CaseResult.notRun(this, Verdict.NOT_APPLICABLE, "the case authenticates, and no AUTH account is "
                    + "configured (smtp.auth.user / smtp.auth.password, or SMTP_AUTH_USER / SMTP_AUTH_PASSWORD)");
        }
        long started = System.nanoTime();
        List<StepResult> records = new ArrayList<>();
        SmtpSession session = null;
        Outcome outcome;
        try {
            session = context.connect();
            outcome = runSteps(session, context, records);
        } catch (SessionException e) {
            outcome = new Outcome(Verdict.INCONCLUSIVE, "could not open a session: " + e.getMessage());
        } finally {
            if (session != null) {
                session.close();
            }
        }
        for (Step step : script.steps().subList(Math.min(records.size(), script.steps().size()), script.steps().size())) {
            records.add(new StepResult(step.line(), step.source(), Verdict.NOT_APPLICABLE, "not reached"));
        }
        return new CaseResult(requirement, name(), script.description(), outcome.verdict(), outcome.detail(),
                session == null ? "" : session.transcript().render(), records,
                Duration.ofNanos(System.nanoTime() - started), session == null ? Optional.empty() : session.tls(),
                script.text());
    }

    private Outcome runSteps(SmtpSession session, CaseContext context, List<StepResult> records) {
        for (Step step : script.steps()) {
            String problem;
            try {
                problem = execute(step, session, context);
            } catch (ServiceClosing e) {
                records.add(new StepResult(step.line(), step.source(), Verdict.INCONCLUSIVE, e.getMessage()));
                return new Outcome(Verdict.INCONCLUSIVE, at(step) + e.getMessage());
            } catch (ReplyTimeoutException | BudgetExhaustedException e) {
                records.add(new StepResult(step.line(), step.source(), Verdict.INCONCLUSIVE, e.getMessage()));
                return new Outcome(Verdict.INCONCLUSIVE, at(step) + e.getMessage());
            } catch (SessionException e) {
                problem = e.getMessage();
            }
            if (problem == null) {
                records.add(new StepResult(step.line(), step.source(), Verdict.PASS, ""));
                continue;
            }
            if (step.verdict()) {
                records.add(new StepResult(step.line(), step.source(), Verdict.FAIL, problem));
                return new Outcome(Verdict.FAIL, at(step) + problem);
            }
            records.add(new StepResult(step.line(), step.source(), Verdict.INCONCLUSIVE, problem));
            return new Outcome(Verdict.INCONCLUSIVE, at(step) + "setup step did not go as needed, so the requirement "
                    + "could not be judged: " + problem);
        }
        return new Outcome(Verdict.PASS, "every step behaved as " + requirement.rfcName() + " §" + requirement.section()
                + " requires");
    }

    /** Executes one step; returns null when it went as expected, else what was wrong. */
    private static String execute(Step step, SmtpSession session, CaseContext context)
            throws SessionException, ServiceClosing {
        if (step instanceof Step.Send send) {
            String text = substitute(send.text(), context.variables());
            if (send.raw()) {
                session.sendRaw(ScriptParser.unescape(text));
            } else if (ScriptParser.SECRET.matcher(text).find()) {
                return sendSecret(session, text, context.credentials().orElseThrow());
            } else {
                session.send(new String(ScriptParser.unescape(text), StandardCharsets.UTF_8));
            }
            return null;
        }
        if (step instanceof Step.Expect expect) {
            Reply reply = session.readReply();
            if (!expectsCode(expect, 421)) {
                throwIfClosing(reply);
            }
            return check(reply, expect.expectations());
        }
        if (step instanceof Step.StartTls) {
            TlsUpgrade upgrade = session.startTls();
            if (upgrade.plaintextAfter220().length > 0) {
                return "the server sent " + upgrade.plaintextAfter220().length + " bytes in plaintext after its 220 and "
                        + "before the TLS handshake: " + printable(upgrade.plaintextAfter220());
            }
            return null;
        }
        if (step instanceof Step.Close) {
            try {
                session.expectClose(context.timeout());
            } catch (NotClosedException e) {
                throwIfClosing(e.observed());
                throw e;
            }
            return null;
        }
        Step.Quiet quiet = (Step.Quiet) step;
        QuietResult result;
        try {
            result = session.quiet(quiet.period());
        } catch (CancellationException e) {
            if (e.getCause() instanceof SessionException cause) {
                throw cause;
            }
            throw e;
        }
        throwIfClosing(result);
        return result instanceof QuietResult.Silence ? null
                : "expected no reply for " + quiet.period().toMillis() + " ms, but " + result.describe();
    }

    private static void throwIfClosing(QuietResult observed) throws ServiceClosing {
        if (observed instanceof QuietResult.Arrived arrived) {
            throwIfClosing(arrived.reply());
        }
    }

    private static void throwIfClosing(Reply reply) throws ServiceClosing {
        if (reply.code() == 421) {
            throw new ServiceClosing("the server closed the service (421: " + reply.text() + "); rerun later "
                    + "or raise its limits for this client");
        }
    }

    /**
     * Sends a line that carries the AUTH account, shown masked, and only inside TLS with a chain that validated:
     * credentials never go out in cleartext or to a server whose certificate was not checked.
     */
    private static String sendSecret(SmtpSession session, String text, Credentials credentials) throws SessionException {
        Optional<String> unsafe = Credentials.unsafeToSend(session);
        if (unsafe.isPresent()) {
            return "not sending the AUTH credentials: " + unsafe.get();
        }
        Map<String, String> masked = new HashMap<>();
        credentials.variables().keySet().forEach(k -> masked.put(k, Credentials.MASK));
        session.sendMasked(new String(ScriptParser.unescape(substitute(text, credentials.variables())), StandardCharsets.UTF_8),
                new String(ScriptParser.unescape(substitute(text, masked)), StandardCharsets.UTF_8));
        return null;
    }

    private boolean usesSecrets() {
        return script.steps().stream().anyMatch(s -> s instanceof Step.Send send && ScriptParser.SECRET.matcher(send.text()).find());
    }

    private static boolean expectsCode(Step.Expect expect, int code) {
        return expect.expectations().stream().anyMatch(e -> e instanceof Expectation.Code c && c.matches(code));
    }

    private static String check(Reply reply, List<Expectation> expectations) {
        try {
            ReplyAssert a = assertThat(reply);
            for (Expectation e : expectations) {
                if (e instanceof Expectation.Code code) {
                    if (!code.matches(reply.code())) {
                        return "expected reply " + code + " but the server answered: " + oneLine(reply);
                    }
                } else if (e instanceof Expectation.Enhanced enhanced) {
                    a.hasEnhancedStatus(enhanced.status());
                } else if (e instanceof Expectation.Keyword k) {
                    if (k.advertised()) {
                        a.advertises(k.keyword());
                    } else {
                        a.doesNotAdvertise(k.keyword());
                    }
                } else if (e instanceof Expectation.Text text) {
                    a.hasTextMatching(text.pattern());
                }
            }
            return null;
        } catch (AssertionError e) {
            return e.getMessage();
        }
    }

    private static String substitute(String text, Map<String, String> vars) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(out).toString();
    }

    private static String at(Step step) {
        return "line " + step.line() + " (" + step.source() + "): ";
    }

    private static String oneLine(Reply reply) {
        String wire = reply.toWire().strip().replace("\r\n", " | ");
        return wire.length() > 300 ? wire.substring(0, 297) + "..." : wire;
    }

    static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 120); i++) {
            int b = bytes[i] & 0xff;
            switch (b) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                default -> sb.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
            }
        }
        return bytes.length > 120 ? sb + "..." : sb.toString();
    }

    /** A 421 where the script did not ask for one: the server is shedding load, not judging the command. */
    private static final class ServiceClosing extends Exception {
        ServiceClosing(String message) {
            super(message, null, false, false);
        }
    }
}

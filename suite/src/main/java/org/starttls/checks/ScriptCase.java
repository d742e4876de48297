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
import org.starttls.cases.Exchange;
import org.starttls.cases.Outcome;
import org.starttls.cases.Texts;
import org.starttls.client.BudgetExhaustedException;
import org.starttls.client.ConnectionClosedException;
import org.starttls.client.DesynchronisedException;
import org.starttls.client.MalformedReplyException;
import org.starttls.client.NotClosedException;
import org.starttls.client.QuietResult;
import org.starttls.client.Reply;
import org.starttls.client.ReplyTimeoutException;
import org.starttls.client.SessionException;
import org.starttls.client.SmtpSession;
import org.starttls.client.TlsHandshakeException;
import org.starttls.client.TlsUpgrade;
import org.starttls.config.Credentials;
import org.starttls.i18n.Text;
import org.starttls.requirements.Requirement;
import org.starttls.script.Expectation;
import org.starttls.script.Script;
import org.starttls.script.ScriptParser;
import org.starttls.script.Step;
import org.starttls.summary.Summary.StepResult;
import org.starttls.summary.Verdict;

/**
 * Runs a scenario script step by step and turns it into a verdict: a failed verdict step ({@code !}) is FAIL,
 * a failed setup step is INCONCLUSIVE, and so are a timeout, a 421, a close, a malformed reply and a broken session at
 * any point (none of them is a reply that breaks a requirement; see {@link #provesViolation}).
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
            return CaseResult.notRun(this, Verdict.NOT_APPLICABLE, Texts.of("script.no_account"));
        }
        long started = System.nanoTime();
        List<StepResult> records = new ArrayList<>();
        SmtpSession session = null;
        Outcome outcome;
        Exchange[] judged = new Exchange[1];
        try {
            session = context.connect();
            outcome = runSteps(session, context, records, judged);
        } catch (SessionException e) {
            outcome = Outcome.of(Verdict.INCONCLUSIVE, Texts.of("script.no_session", e.getMessage()));
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
                script.text(), outcome.text(), judged[0]);
    }

    /**
     * Runs the steps in order until one goes wrong. {@code judged} gets the exchange the verdict rests on: the verdict
     * step ({@code !}) when every step went right, else the step that went wrong, each with the command sent before it.
     */
    private Outcome runSteps(SmtpSession session, CaseContext context, List<StepResult> records, Exchange[] judged) {
        String lastCommand = null;
        for (Step step : script.steps()) {
            Text problem;
            String[] reply = new String[1];
            try {
                problem = execute(step, session, context, reply);
            } catch (CannotJudge e) {
                records.add(new StepResult(step.line(), step.source(), Verdict.INCONCLUSIVE, e.text.english(), reply[0]));
                judged[0] = new Exchange(lastCommand, expected(step), reply[0]);
                return Outcome.of(Verdict.INCONCLUSIVE, at(step, e.text));
            } catch (ReplyTimeoutException | BudgetExhaustedException | DesynchronisedException e) {
                records.add(new StepResult(step.line(), step.source(), Verdict.INCONCLUSIVE, e.getMessage()));
                judged[0] = new Exchange(lastCommand, expected(step), null);
                return Outcome.of(Verdict.INCONCLUSIVE, at(step, Texts.verbatim(e.getMessage())));
            } catch (SessionException e) {
                if (!provesViolation(step, e)) {
                    records.add(new StepResult(step.line(), step.source(), Verdict.INCONCLUSIVE, e.getMessage(), reply[0]));
                    judged[0] = new Exchange(lastCommand, expected(step), reply[0]);
                    return Outcome.of(Verdict.INCONCLUSIVE, at(step, noVerdict(e)));
                }
                problem = Texts.verbatim(e.getMessage());
            }
            if (step instanceof Step.Send send) {
                lastCommand = shown(send, context);
            }
            if (problem == null) {
                records.add(new StepResult(step.line(), step.source(), Verdict.PASS, "", reply[0]));
                if (step.verdict()) {
                    judged[0] = new Exchange(lastCommand, expected(step), reply[0]);
                }
                continue;
            }
            judged[0] = new Exchange(lastCommand, expected(step), reply[0]);
            if (step.verdict()) {
                records.add(new StepResult(step.line(), step.source(), Verdict.FAIL, problem.english(), reply[0]));
                return Outcome.of(Verdict.FAIL, at(step, problem));
            }
            records.add(new StepResult(step.line(), step.source(), Verdict.INCONCLUSIVE, problem.english(), reply[0]));
            return Outcome.of(Verdict.INCONCLUSIVE, Texts.of("script.setup", step.line(), step.source(), problem));
        }
        return Outcome.of(Verdict.PASS, Texts.of("script.pass", requirement.rfcName(), requirement.section()));
    }

    /**
     * Whether {@code e} can be what a step is judged on: a failed handshake at {@code TLS!}, a server that stays open at
     * {@code CLOSE!} (each of them setup trouble at a step without {@code !}). A close, a malformed reply or a broken
     * session where a reply was due is no reply: it neither meets nor breaks the requirement of an {@code S!} step, and
     * a close during {@code QUIET!} is no unasked byte. A requirement for which closing is the answer says so with
     * {@code CLOSE!}.
     */
    private static boolean provesViolation(Step step, SessionException e) {
        return step instanceof Step.StartTls && e instanceof TlsHandshakeException
                || step instanceof Step.Close && e instanceof NotClosedException;
    }

    /** Why a session trouble leaves the step unjudged, naming the trouble. */
    private static Text noVerdict(SessionException e) {
        if (e instanceof ConnectionClosedException) {
            return Texts.of("script.closed_no_reply", e.getMessage());
        }
        if (e instanceof MalformedReplyException malformed) {
            return Texts.of("script.malformed_no_verdict", malformed.getMessage());
        }
        return Texts.of("script.session_broke", e.getMessage());
    }

    /** What a step expects, as the script says it: {@code 250 -STARTTLS} for {@code S! 250 -STARTTLS}. */
    private static String expected(Step step) {
        String source = step.source().strip();
        return step instanceof Step.Expect ? source.replaceFirst("^S[:!]\\s*", "") : source;
    }

    /** The line a send step put on the wire, variables filled in, secrets masked. */
    private static String shown(Step.Send send, CaseContext context) {
        String text = substitute(send.text(), context.variables());
        return ScriptParser.SECRET.matcher(text).find() ? ScriptParser.SECRET.matcher(text).replaceAll(Credentials.MASK) : text;
    }

    /** Executes one step; returns null when it went as expected, else what was wrong. The reply read goes to {@code reply}. */
    private static Text execute(Step step, SmtpSession session, CaseContext context, String[] reply)
            throws SessionException, CannotJudge {
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
            Reply read = session.readReply();
            reply[0] = oneLine(read);
            if (!expectsCode(expect, 421)) {
                throwIfClosing(read);
            }
            Text violated = violation(read, expect.expectations());
            if (violated != null) {
                return violated;
            }
            throwIfNoKeywordList(read, expect.expectations());
            return check(read, expect.expectations());
        }
        if (step instanceof Step.StartTls) {
            TlsUpgrade upgrade = session.startTls();
            if (upgrade.plaintextAfter220().length > 0) {
                return Texts.of("script.plaintext_after_220", upgrade.plaintextAfter220().length,
                        printable(upgrade.plaintextAfter220()));
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
        Optional<Outcome> unquiet = Dialog.silenceAfter(result, "the line before it", Dialog.Closing.PROVES_NOTHING,
                arrived -> Outcome.of(Verdict.FAIL, Texts.of("script.not_quiet", quiet.period().toMillis(),
                        arrived.describe())));
        if (unquiet.isPresent() && unquiet.get().verdict() == Verdict.INCONCLUSIVE) {
            throw new CannotJudge(unquiet.get().text());
        }
        return unquiet.map(Outcome::text).orElse(null);
    }

    /**
     * A line that judges EHLO keywords ({@code +KEYWORD}, {@code -KEYWORD}) judges them only in a keyword list: a reply
     * with another code (EHLO refused) has none, so it neither lists nor omits a keyword and the case is INCONCLUSIVE
     * (whether EHLO may be refused is another requirement's question).
     */
    private static void throwIfNoKeywordList(Reply reply, List<Expectation> expectations) throws CannotJudge {
        boolean judgesKeywords = first(expectations, Expectation.Keyword.class).isPresent();
        Optional<Expectation.Code> code = first(expectations, Expectation.Code.class);
        if (judgesKeywords && code.isPresent() && !code.get().matches(reply.code())) {
            throw new CannotJudge(Texts.of("script.no_keyword_list", code.get(), oneLine(reply)));
        }
    }

    /**
     * On a line that names the replies breaking its requirement ({@code S! 503 fail:2xx}): such a reply is the FAIL
     * (returned, as a wrong code); a reply of neither the expected codes nor those proves nothing either way, and the case
     * is INCONCLUSIVE. Null when the line names none, or the reply has an expected code.
     */
    private static Text violation(Reply reply, List<Expectation> expectations) throws CannotJudge {
        Optional<Expectation.Violation> violation = first(expectations, Expectation.Violation.class);
        if (violation.isEmpty()) {
            return null;
        }
        Expectation.Code code = first(expectations, Expectation.Code.class).orElseThrow();
        if (violation.get().matches(reply.code())) {
            return Texts.of("script.wrong_code", code, oneLine(reply));
        }
        if (!code.matches(reply.code())) {
            throw new CannotJudge(Texts.of("script.proves_nothing", code, violation.get().codes(), oneLine(reply)));
        }
        return null;
    }

    private static <T extends Expectation> Optional<T> first(List<Expectation> expectations, Class<T> kind) {
        return expectations.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }


    private static void throwIfClosing(QuietResult observed) throws CannotJudge {
        if (observed instanceof QuietResult.Arrived arrived) {
            throwIfClosing(arrived.reply());
        }
    }

    private static void throwIfClosing(Reply reply) throws CannotJudge {
        if (reply.code() == 421) {
            throw new CannotJudge(Texts.of("script.service_closing", reply.text()));
        }
    }

    /**
     * Sends a line that carries the AUTH account, shown masked, and only inside TLS with a chain that validated:
     * credentials never go out in cleartext or to a server whose certificate was not checked.
     */
    private static Text sendSecret(SmtpSession session, String text, Credentials credentials) throws SessionException {
        Optional<String> unsafe = Credentials.unsafeToSend(session);
        if (unsafe.isPresent()) {
            return Texts.of("script.secret_withheld", unsafe.get());
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

    private static Text check(Reply reply, List<Expectation> expectations) {
        try {
            ReplyAssert a = assertThat(reply);
            for (Expectation e : expectations) {
                if (e instanceof Expectation.Code code) {
                    if (!code.matches(reply.code())) {
                        return Texts.of("script.wrong_code", code, oneLine(reply));
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
            return Texts.verbatim(e.getMessage());
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

    private static Text at(Step step, Text problem) {
        return Texts.of("script.at", step.line(), step.source(), problem);
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

    /**
     * A reply that leaves the step unjudgeable: a 421 where the script did not ask for one (the server is shedding load,
     * not judging the command), or a keyword line answered by something that is no EHLO keyword list.
     */
    private static final class CannotJudge extends Exception {
        private final transient Text text;

        CannotJudge(Text text) {
            super(text.english(), null, false, false);
            this.text = text;
        }
    }
}

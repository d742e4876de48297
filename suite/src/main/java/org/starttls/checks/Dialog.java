package org.starttls.checks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.starttls.cases.CaseContext;
import org.starttls.cases.Outcome;
import org.starttls.cases.Texts;
import org.starttls.client.QuietResult;
import org.starttls.client.Reply;
import org.starttls.client.SessionException;
import org.starttls.client.SmtpSession;
import org.starttls.client.TlsFacts;
import org.starttls.config.Credentials;
import org.starttls.summary.Summary.StepResult;
import org.starttls.summary.Verdict;


/**
 * The sessions of one Java case and the steps taken in them, so that its evidence reads like a script's: every
 * command with the reply it got, one transcript per session, and the verdict as the last step.
 */
public final class Dialog {

    /** How long silence must last to count as proof that nothing was answered; loopback needs far less. */
    public static final Duration QUIET = Duration.ofSeconds(1);
    private static final int SHOWN_REPLY_CHARS = 300;
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([a-z_]+)}");

    private final CaseContext context;
    private final List<SmtpSession> sessions = new ArrayList<>();
    private final List<StepResult> steps = new ArrayList<>();

    Dialog(CaseContext context) {
        this.context = context;
    }

    public CaseContext context() {
        return context;
    }

    /** A script variable: {@code helo}, {@code mail_from} or {@code rcpt}. */
    public String variable(String name) {
        String value = context.variables().get(name);
        if (value == null) {
            throw new IllegalArgumentException("no variable '" + name + "' in this run");
        }
        return value;
    }

    /** The line with its {@code ${name}} variables filled in, as a script's {@code C:} line would be. */
    public String expand(String line) {
        Matcher m = VARIABLE.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(variable(m.group(1))));
        }
        return m.appendTail(out).toString();
    }

    /** Opens a session as the profile says (plain TCP or implicit TLS), before the greeting is read. */
    public SmtpSession open() throws SessionException {
        SmtpSession session = context.connect();
        sessions.add(session);
        return session;
    }

    /** Opens a session and reads the 220 greeting. */
    public SmtpSession greeted() throws SessionException, SetupFailed {
        SmtpSession session = open();
        Reply greeting = session.readReply();
        checkNotClosing(greeting, "the greeting");
        if (greeting.code() != 220) {
            throw broken("greeting", "expected 220 but the server greeted with " + oneLine(greeting));
        }
        step("greeting", Verdict.PASS, oneLine(greeting));
        return session;
    }

    /** A greeted session after EHLO. */
    public SmtpSession afterEhlo() throws SessionException, SetupFailed {
        return ehloed().session();
    }

    /** A greeted session after EHLO, with the EHLO reply. */
    public Ready ehloed() throws SessionException, SetupFailed {
        SmtpSession session = greeted();
        return new Ready(session, setup(session, "EHLO " + variable("helo"), 250), Account.NOT_CONFIGURED);
    }

    /**
     * A session in which mail commands are allowed: greeting and EHLO, and in the STARTTLS profiles also STARTTLS, the
     * handshake and a new EHLO. Returns the EHLO reply in force.
     */
    public Ready ready() throws SessionException, SetupFailed {
        SmtpSession session = greeted();
        Reply ehlo = setup(session, "EHLO " + variable("helo"), 250);
        if (context.profile().usesStartTls()) {
            startTls(session);
            ehlo = setup(session, "EHLO " + variable("helo"), 250);
        }
        return new Ready(session, ehlo, context.credentials().isPresent() ? Account.NOT_USED : Account.NOT_CONFIGURED);
    }

    /**
     * {@link #ready()}, then AUTH PLAIN with the configured account when there is one and the EHLO reply offers PLAIN
     * (inside TLS with a chain that validated only): a server that requires authentication (RFC 4954 §6) takes mail
     * commands only then. Without an account the session is not authenticated, and such a server refuses them with
     * 530; the cases say so ({@link Refusals}).
     */
    public Ready readyForMail() throws SessionException, SetupFailed {
        Ready ready = ready();
        Optional<Credentials> account = context.credentials();
        if (account.isEmpty() || !Refusals.offersMechanism(ready.ehlo(), "PLAIN")
                || Credentials.unsafeToSend(ready.session()).isPresent()) {
            return ready;
        }
        String shown = "AUTH PLAIN " + Credentials.MASK + " (the configured account)";
        Reply auth = maskedCommand(ready.session(), "AUTH PLAIN " + account.get().plainResponse(), shown);
        if (auth.code() != 235) {
            throw broken(shown, "expected 235 but the server answered " + oneLine(auth));
        }
        return new Ready(ready.session(), ready.ehlo(), Account.AUTHENTICATED);
    }

    /** What became of the configured AUTH account in a session. */
    public enum Account {
        NOT_CONFIGURED("no AUTH account is configured (smtp.auth.user / smtp.auth.password) to get past it"),
        NOT_USED("the configured AUTH account was not used: the EHLO reply in force offers no AUTH PLAIN, or the "
                + "certificate chain did not validate"),
        AUTHENTICATED("it refused even after the configured account had authenticated");

        private final String why;

        Account(String why) {
            this.why = why;
        }

        /** Why an authentication refusal could not be got past, for messages. */
        public String why() {
            return why;
        }
    }

    /** A session ready for mail commands, the EHLO reply that describes it, and whether the account authenticated. */
    public record Ready(SmtpSession session, Reply ehlo, Account account) {

        /** Whether the EHLO reply in force lists AUTH. */
        public boolean authOffered() {
            return Refusals.offersAuth(ehlo);
        }

        /**
         * The policy refusal {@code reply} to {@code command} is (RFC 4954 §6's 530, RFC 3207's 530, an X.7 status), as
         * an INCONCLUSIVE outcome that says so; empty for an ordinary reply, which the case judges.
         */
        public Optional<Outcome> policyRefusal(String command, Reply reply) {
            return Refusals.of(reply, session.tlsActive(), authOffered())
                    .map(kind -> Outcome.inconclusive(Refusals.notJudged(command, reply, kind, account)));
        }
    }

    /** STARTTLS, its 220 and the handshake; a 454 is the server's reported, temporary refusal: INCONCLUSIVE. */
    public void startTls(SmtpSession session) throws SessionException, SetupFailed {
        Reply ready = command(session, "STARTTLS");
        if (ready.code() == 454) {
            throw new SetupFailed("the server refused STARTTLS with 454, TLS temporarily unavailable: " + oneLine(ready));
        }
        if (ready.code() != 220) {
            throw broken("STARTTLS", "expected 220 but the server answered " + oneLine(ready));
        }
        session.startTls();
        step("TLS handshake", Verdict.PASS, session.tls().map(TlsFacts::summary).orElse(""));
    }

    /** Sends a command whose reply is part of the setup; any other code than {@code expected} stops the case. */
    public Reply setup(SmtpSession session, String command, int... expected) throws SessionException, SetupFailed {
        Reply reply = command(session, command);
        if (IntStream.of(expected).noneMatch(code -> code == reply.code())) {
            throw broken(command, "expected " + IntStream.of(expected).mapToObj(Integer::toString)
                    .collect(Collectors.joining("|")) + " but the server answered " + oneLine(reply));
        }
        return reply;
    }

    /** Sends a command and reads its one reply; a 421 ends the case as INCONCLUSIVE. */
    public Reply command(SmtpSession session, String command) throws SessionException, SetupFailed {
        session.send(command);
        return replyTo(session, command);
    }

    /** {@link #command} for a line that carries a secret: the server gets {@code line}, transcript and steps {@code shownAs}. */
    public Reply maskedCommand(SmtpSession session, String line, String shownAs) throws SessionException, SetupFailed {
        session.sendMasked(line, shownAs);
        return replyTo(session, shownAs);
    }

    /**
     * Reads the reply to something already sent (a pipelined or raw write); a 421 ends the case as INCONCLUSIVE. A 354
     * (the server waits for message text) ends the session at once: it is closed without the final "." so nothing is
     * delivered, and no later command can be taken for message text. The case judges on the 354 itself.
     */
    public Reply replyTo(SmtpSession session, String shown) throws SessionException, SetupFailed {
        Reply reply = session.readReply();
        checkNotClosing(reply, shown);
        step(shown, Verdict.PASS, oneLine(reply));
        if (reply.code() == 354) {
            session.close();
            step("close", Verdict.PASS, "the server waits for message text (354): session closed without the final "
                    + "\".\", nothing delivered");
        }
        return reply;
    }

    /**
     * A 421 that broke a quiet period: the server closing the service, which RFC 5321 §3.8 lets it do at any time and
     * which is no reply too many, so the silence that was to be judged never came (INCONCLUSIVE); empty otherwise.
     *
     * @param after what the quiet period followed, for the message, e.g. {@code "the reply to NOOP"}
     */
    public static Optional<Outcome> serviceClosing(QuietResult observed, String after) {
        if (observed instanceof QuietResult.Arrived arrived && arrived.reply().code() == 421) {
            return Optional.of(Outcome.of(Verdict.INCONCLUSIVE,
                    Texts.of("quiet.service_closing", after, oneLine(arrived.reply()))));
        }
        return Optional.empty();
    }

    /** What a close in the quiet period after the last reply means to the requirement a case judges. */
    public enum Closing {
        /** The requirement only forbids an answer (e.g. none in cleartext): a close sends none, so it keeps it. */
        KEEPS_THE_REQUIREMENT,
        /** The judged moment needed the session to go on: a close ends it first, so it proves nothing. */
        PROVES_NOTHING
    }

    /**
     * Judges the silence that was to follow the last reply. Empty when it held: nothing arrived, or the server closed the
     * connection and {@code closing} says a close keeps the requirement. A 421 is INCONCLUSIVE ({@link #serviceClosing});
     * a close that proves nothing is INCONCLUSIVE; whatever else arrived is the caller's to judge with {@code arrived}
     * (its FAIL names what came).
     *
     * @param after what the quiet period followed, for the message, e.g. {@code "the reply to NOOP"}
     */
    public static Optional<Outcome> silenceAfter(QuietResult observed, String after, Closing closing,
            Function<QuietResult, Outcome> arrived) {
        if (observed instanceof QuietResult.Silence) {
            return Optional.empty();
        }
        if (observed instanceof QuietResult.Closed) {
            return closing == Closing.KEEPS_THE_REQUIREMENT ? Optional.empty()
                    : Optional.of(Outcome.of(Verdict.INCONCLUSIVE, Texts.of("quiet.closed", after)));
        }
        return serviceClosing(observed, after).or(() -> Optional.of(arrived.apply(observed)));
    }

    /** Notes an observation that is neither setup nor verdict, e.g. a control session's result. */
    public void note(String what, String observation) {
        step(what, Verdict.PASS, observation);
    }

    void record(Outcome outcome) {
        step("verdict " + outcome.verdict(), outcome.verdict(), outcome.detail());
    }

    List<StepResult> steps() {
        return List.copyOf(steps);
    }

    String transcript() {
        if (sessions.size() == 1) {
            return sessions.get(0).transcript().render();
        }
        return IntStream.range(0, sessions.size())
                .mapToObj(i -> "--- session " + (i + 1) + " ---\n" + sessions.get(i).transcript().render())
                .collect(Collectors.joining("\n"));
    }

    Optional<TlsFacts> tls() {
        return sessions.stream().map(SmtpSession::tls).flatMap(Optional::stream).findFirst();
    }

    void close() {
        sessions.forEach(SmtpSession::close);
    }

    /** The reply as one line for messages, e.g. {@code 530 5.7.0 Must issue a STARTTLS command first}. */
    public static String oneLine(Reply reply) {
        String wire = String.join(" | ", reply.wireLines());
        return wire.length() > SHOWN_REPLY_CHARS ? wire.substring(0, SHOWN_REPLY_CHARS - 3) + "..." : wire;
    }

    private void checkNotClosing(Reply reply, String after) throws SetupFailed {
        if (reply.code() == 421) {
            throw broken(after, "the server closed the service (421: " + reply.text() + "); rerun later or raise its "
                    + "limits for this client");
        }
    }

    private SetupFailed broken(String what, String problem) {
        step(what, Verdict.INCONCLUSIVE, problem);
        return new SetupFailed("setup step '" + what + "' did not go as needed, so the requirement could not be judged: "
                + problem);
    }

    private void step(String source, Verdict verdict, String message) {
        steps.add(new StepResult(steps.size() + 1, source, verdict, message));
    }
}

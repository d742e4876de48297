package org.starttls.checks.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.starttls.cases.Check;
import org.starttls.cases.ConformanceCase;
import org.starttls.cases.Outcome;
import org.starttls.checks.Dialog;
import org.starttls.checks.JavaCase;
import org.starttls.checks.SetupFailed;
import org.starttls.client.EnhancedStatus;
import org.starttls.client.MalformedReplyException;
import org.starttls.client.Reply;
import org.starttls.client.SessionException;
import org.starttls.client.SmtpSession;
import org.starttls.requirements.Requirement;

/**
 * The reply rules every STARTTLS verdict is read through (RFC 5321 §4.2, §4.2.1, §4.5.3.1.5; RFC 2034 §4), checked on
 * every reply of a standard session: greeting, EHLO, NOOP, MAIL, RSET, HELP, then STARTTLS and the same inside TLS, QUIT.
 * The strict decoder reports what it saw as {@link Reply#findings()} or a {@link MalformedReplyException}; each rule
 * picks its own kind of finding from that one record.
 */
final class ReplyFormat implements Check {

    /** One command of the standard session and what came back: a reply, or why it was not one. */
    record Seen(String command, Optional<Reply> reply, Optional<String> malformed, boolean enhancedCodesAdvertised) {
        boolean exemptFromEnhancedCodes() {
            return command.equals("greeting") || command.startsWith("EHLO") || command.startsWith("HELO");
        }
    }

    enum Rule {
        GRAMMAR("every reply has a valid code, separator and CRLF line ends"),
        SAME_CODE("every line of a multiline reply has the same code"),
        LINE_LENGTH("no reply line exceeds 512 octets"),
        ENHANCED_CODES("with ENHANCEDSTATUSCODES every 2xx/4xx/5xx line but greeting and EHLO starts with a class-matching code");

        private final String description;

        Rule(String description) {
            this.description = description;
        }

        /** What is wrong with this observation under the rule, if anything. */
        Optional<String> problem(Seen seen) {
            return switch (this) {
                case GRAMMAR -> seen.malformed().filter(m -> !m.contains("§4.2.1") && !isLength(m))
                        .or(() -> seen.reply().flatMap(r -> r.findings().stream().filter(f -> f.contains("bare LF")).findFirst()));
                case SAME_CODE -> seen.malformed().filter(m -> m.contains("§4.2.1"));
                case LINE_LENGTH -> seen.malformed().filter(ReplyFormat::isLength)
                        .or(() -> seen.reply().flatMap(r -> r.findings().stream().filter(ReplyFormat::isLength).findFirst()));
                case ENHANCED_CODES -> seen.reply().filter(r -> seen.enhancedCodesAdvertised() && !seen.exemptFromEnhancedCodes()
                        && r.codeClass() != 3).flatMap(ReplyFormat::enhancedCodeProblem);
            };
        }
    }

    private static boolean isLength(String finding) {
        return finding.contains("§4.5.3.1.5") || finding.contains("without a line end");
    }

    private static Optional<String> enhancedCodeProblem(Reply reply) {
        List<Optional<EnhancedStatus>> perLine = reply.enhancedStatusPerLine();
        for (int i = 0; i < perLine.size(); i++) {
            Optional<EnhancedStatus> status = perLine.get(i);
            if (status.isEmpty()) {
                return Optional.of("line " + (i + 1) + " of " + Dialog.oneLine(reply) + " has no enhanced status code");
            }
            if (status.get().statusClass() != reply.codeClass()) {
                return Optional.of("line " + (i + 1) + " of " + Dialog.oneLine(reply) + " carries " + status.get()
                        + ", which does not agree with the reply code " + reply.code());
            }
        }
        return Optional.empty();
    }

    /** One case for the rule its requirement file names, e.g. {@code @check ReplyFormat GRAMMAR}. */
    @Override
    public List<ConformanceCase> cases(Requirement requirement, List<String> arguments) {
        Rule rule = Check.oneOf(Rule.class, arguments);
        return List.of(new JavaCase(requirement, requirement.id(), "In a standard session " + rule.description,
                rule == Rule.ENHANCED_CODES ? List.of("ENHANCEDSTATUSCODES") : List.of(), List.of(), ReplyFormat.class,
                dialog -> check(dialog, rule)));
    }

    /** Runs the standard session and judges each reply by one rule. */
    private static Outcome check(Dialog dialog, Rule rule) throws SessionException, SetupFailed {
        List<Seen> seen = standardSession(dialog);
        for (Seen s : seen) {
            Optional<String> problem = rule.problem(s);
            if (problem.isPresent()) {
                return Outcome.fail("reply to " + s.command() + ": " + problem.get());
            }
        }
        return Outcome.pass(rule.description + " (" + seen.size() + " replies checked)");
    }

    private static List<Seen> standardSession(Dialog dialog) throws SessionException, SetupFailed {
        List<Seen> seen = new ArrayList<>();
        SmtpSession session = dialog.open();
        Seen greeting = observe(session, "greeting", false);
        seen.add(greeting);
        if (greeting.reply().map(Reply::code).orElse(0) != 220) {
            throw new SetupFailed("no 220 greeting, so no standard session could be run: "
                    + greeting.reply().map(Dialog::oneLine).orElse(greeting.malformed().orElse("")));
        }
        String helo = dialog.variable("helo");
        boolean enhanced = phase(session, dialog, helo, seen);
        if (dialog.context().profile().usesStartTls()) {
            session.send("STARTTLS");
            Seen ready = observe(session, "STARTTLS", enhanced);
            seen.add(ready);
            if (ready.reply().map(Reply::code).orElse(0) == 220) {
                session.startTls();
                phase(session, dialog, helo, seen);
            }
        }
        session.send("QUIT");
        seen.add(observe(session, "QUIT", seen.get(seen.size() - 1).enhancedCodesAdvertised()));
        return seen;
    }

    /** EHLO and the ordinary commands; returns whether that EHLO advertised ENHANCEDSTATUSCODES. */
    private static boolean phase(SmtpSession session, Dialog dialog, String helo, List<Seen> seen) throws SessionException {
        session.send("EHLO " + helo);
        Seen ehlo = observe(session, "EHLO " + helo, false);
        seen.add(ehlo);
        boolean enhanced = ehlo.reply().map(r -> r.ehloKeywords().contains("ENHANCEDSTATUSCODES")).orElse(false);
        for (String command : List.of("NOOP", dialog.expand("MAIL FROM:<${mail_from}>"), "RSET", "HELP")) {
            session.send(command);
            seen.add(observe(session, command, enhanced));
        }
        return enhanced;
    }

    private static Seen observe(SmtpSession session, String command, boolean enhanced) throws SessionException {
        try {
            return new Seen(command, Optional.of(session.readReply()), Optional.empty(), enhanced);
        } catch (MalformedReplyException e) {
            return new Seen(command, Optional.empty(), Optional.of(e.getMessage()), enhanced);
        }
    }
}

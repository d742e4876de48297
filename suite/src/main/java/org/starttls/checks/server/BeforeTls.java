package org.starttls.checks.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.starttls.cases.Check;
import org.starttls.cases.ConformanceCase;
import org.starttls.cases.Outcome;
import org.starttls.checks.Dialog;
import org.starttls.checks.JavaCase;
import org.starttls.checks.Refusals;
import org.starttls.checks.SetupFailed;
import org.starttls.client.EnhancedStatus;
import org.starttls.client.Reply;
import org.starttls.client.SessionException;
import org.starttls.client.SmtpSession;
import org.starttls.requirements.Requirement;

/**
 * RFC 3207 §4 in the require-tls profile: every command other than NOOP, EHLO, STARTTLS and QUIT is refused with 530
 * before STARTTLS (AUTH may get RFC 4954 §6's own 538 instead), and that 530 carries 5.7.0 when ENHANCEDSTATUSCODES is
 * advertised. Before TLS the cleartext EHLO
 * offers no usable AUTH, so a 530 here can only mean "issue STARTTLS"; its text is shown for diagnosis only.
 */
final class BeforeTls {

    /** The commands RFC 3207 §4 wants refused, each harmless if a faulty server runs it (no DATA content follows). */
    record Command(String verb, String line) {
    }

    static final List<Command> REFUSED = List.of(
            new Command("HELO", "HELO ${helo}"),
            new Command("MAIL", "MAIL FROM:<${mail_from}>"),
            new Command("RCPT", "RCPT TO:<${rcpt}>"),
            new Command("DATA", "DATA"),
            new Command("RSET", "RSET"),
            new Command("VRFY", "VRFY ${rcpt}"),
            new Command("EXPN", "EXPN ${rcpt}"),
            new Command("HELP", "HELP"),
            new Command("AUTH", "AUTH PLAIN"),
            new Command("BDAT", "BDAT 0 LAST"),
            new Command("ETRN", "ETRN ${helo}"),
            new Command("UNKNOWN", "XCONFORMANCE"));

    /** Postfix slows down from the 11th error in a session; six refusals per connection stay well below. */
    private static final int REFUSALS_PER_SESSION = 6;
    private static final EnhancedStatus SECURITY_POLICY = new EnhancedStatus(5, 7, 0);

    private BeforeTls() {
    }

    /** One command before STARTTLS, one connection per command: each reply must be 530. */
    static final class Refused530 implements Check {
        @Override
        public List<ConformanceCase> cases(Requirement requirement, List<String> arguments) {
            Check.noArguments(arguments);
            return REFUSED.stream().<ConformanceCase>map(command -> new JavaCase(requirement,
                    requirement.id() + "-" + command.verb(), command.verb() + " before STARTTLS is refused with 530",
                    List.of(), List.of(), Refused530.class, dialog -> check(dialog, command))).toList();
        }

        private static Outcome check(Dialog dialog, Command command) throws SessionException, SetupFailed {
            Dialog.Ready ready = dialog.ehloed();
            Reply reply = dialog.command(ready.session(), dialog.expand(command.line()));
            Optional<Refusals.Kind> meaning = Refusals.of(reply, false, ready.authOffered());
            if (reply.code() == 530 && meaning.filter(Refusals.Kind.AUTHENTICATION_REQUIRED::equals).isPresent()) {
                return Outcome.inconclusive(command.verb() + " before STARTTLS was refused with " + Dialog.oneLine(reply)
                        + ": authentication required (RFC 4954 §6), not the STARTTLS demand of RFC 3207 §4; whether the "
                        + "server would demand STARTTLS of an authenticated client cannot be seen before TLS");
            }
            if (reply.code() == 530) {
                return Outcome.pass(command.verb() + " before STARTTLS was refused with 530: " + Dialog.oneLine(reply));
            }
            if (command.verb().equals("AUTH") && reply.code() == 538) {
                return Outcome.pass("AUTH before STARTTLS was refused with " + Dialog.oneLine(reply) + ": 538 (5.7.11) "
                        + "\"Encryption required for requested authentication mechanism\" is the reply RFC 4954 §6 "
                        + "defines for AUTH that needs an encrypted connection");
            }
            return Outcome.fail(command.verb() + " before STARTTLS was answered " + Dialog.oneLine(reply)
                    + " instead of 530 Must issue a STARTTLS command first");
        }
    }

    /**
     * Under require-tls, no step of a mail transaction and no AUTH is accepted before TLS; any 4xx or 5xx refuses
     * (RFC3207-6-MUST-REFUSE-MAIL-AND-AUTH-BEFORE-TLS). Each case leads up to its command with the steps before it, whatever
     * they get, in a connection of its own: RCPT after MAIL, DATA after MAIL and RCPT, one BDAT chunk (never LAST) after
     * MAIL and RCPT. A 354 or a 334 is the acceptance itself; the session then ends at once, without message text or
     * credentials, so nothing is delivered and no password is sent.
     */
    static final class RefusedBeforeTls implements Check {

        private record Transaction(String verb, List<String> before, String command) {
        }

        private static final List<Transaction> STEPS = List.of(
                new Transaction("MAIL", List.of(), "MAIL FROM:<${mail_from}>"),
                new Transaction("RCPT", List.of("MAIL FROM:<${mail_from}>"), "RCPT TO:<${rcpt}>"),
                new Transaction("DATA", List.of("MAIL FROM:<${mail_from}>", "RCPT TO:<${rcpt}>"), "DATA"),
                new Transaction("BDAT", List.of("MAIL FROM:<${mail_from}>", "RCPT TO:<${rcpt}>"), "BDAT 1\r\nx"),
                new Transaction("AUTH", List.of(), "AUTH PLAIN"));

        @Override
        public List<ConformanceCase> cases(Requirement requirement, List<String> arguments) {
            Check.noArguments(arguments);
            // the reasoning behind the level goes with every FAIL, so that the report shows why this is a MUST
            String level = requirement.derived().map(why -> " (level " + requirement.level().keyword() + ", derived: "
                    + why + ")").orElse("");
            return STEPS.stream().<ConformanceCase>map(step -> new JavaCase(requirement, requirement.id() + "-"
                    + step.verb(), step.verb() + " before STARTTLS is refused (4xx or 5xx)", List.of(), List.of(),
                    RefusedBeforeTls.class, dialog -> check(dialog, step, level))).toList();
        }

        private static Outcome check(Dialog dialog, Transaction step, String level) throws SessionException, SetupFailed {
            SmtpSession session = dialog.afterEhlo();
            for (String before : step.before()) {
                Reply reply = dialog.command(session, dialog.expand(before));
                dialog.note(before.split("[ :]")[0] + " before TLS", reply.codeClass() == 2
                        ? "accepted, so the transaction goes on" : "refused; the " + step.verb() + " is sent anyway");
            }
            Reply reply;
            if (step.command().contains("\r\n")) {
                // BDAT and its one-octet chunk in one write: the server answers once it has read the chunk
                session.sendRaw(step.command().getBytes(StandardCharsets.US_ASCII));
                reply = dialog.replyTo(session, "BDAT 1 (and its 1-octet chunk, not LAST)");
            } else {
                reply = dialog.command(session, dialog.expand(step.command()));
            }
            if (reply.codeClass() == 4 || reply.codeClass() == 5) {
                return Outcome.pass(step.verb() + " before STARTTLS was refused: " + Dialog.oneLine(reply));
            }
            String accepted = switch (reply.code()) {
                case 354 -> "DATA before STARTTLS was answered 354: the server would take the message in cleartext "
                        + "(the session was closed without the final \".\", nothing was delivered)";
                case 334 -> "AUTH before STARTTLS was answered 334: the server asks for credentials in cleartext (none "
                        + "were sent)";
                default -> step.verb() + " before STARTTLS was accepted: " + Dialog.oneLine(reply);
            };
            if (reply.code() == 334) {
                session.close();
            }
            return Outcome.fail(accepted + "; a server that requires TLS refuses it until STARTTLS" + level);
        }
    }

    /** Several commands in one connection: each 530 among their replies must carry 5.7.0. */
    static final class EnhancedCode implements Check {
        @Override
        public List<ConformanceCase> cases(Requirement requirement, List<String> arguments) {
            Check.noArguments(arguments);
            List<ConformanceCase> cases = new ArrayList<>();
            for (int from = 0; from < REFUSED.size(); from += REFUSALS_PER_SESSION) {
                List<Command> commands = REFUSED.subList(from, Math.min(REFUSED.size(), from + REFUSALS_PER_SESSION));
                String verbs = commands.stream().map(Command::verb).collect(Collectors.joining("-"));
                cases.add(new JavaCase(requirement, requirement.id() + "-" + verbs, "The 530 to "
                        + commands.stream().map(Command::verb).collect(Collectors.joining(", "))
                        + " before STARTTLS carries 5.7.0", List.of("ENHANCEDSTATUSCODES"), List.of(), EnhancedCode.class,
                        dialog -> check(dialog, commands)));
            }
            return cases;
        }

        private static Outcome check(Dialog dialog, List<Command> commands) throws SessionException, SetupFailed {
            Dialog.Ready ready = dialog.ehloed();
            SmtpSession session = ready.session();
            List<String> judged = new ArrayList<>();
            for (Command c : commands) {
                Reply reply = dialog.command(session, dialog.expand(c.line()));
                if (reply.code() == 354) {
                    // the dialog ended that session (no message text follows): the rest get a session of their own
                    ready = dialog.ehloed();
                    session = ready.session();
                }
                if (Refusals.of(reply, false, ready.authOffered()).filter(Refusals.Kind.STARTTLS_REQUIRED::equals).isEmpty()) {
                    continue; // not the STARTTLS demand: RFC3207-4-SHOULD-530 reports it
                }
                if (!reply.enhancedStatus().filter(SECURITY_POLICY::equals).isPresent()) {
                    return Outcome.fail("the 530 to " + c.verb() + " carries " + reply.enhancedStatus()
                            .map(EnhancedStatus::toString).orElse("no enhanced status code") + " instead of 5.7.0: "
                            + Dialog.oneLine(reply));
                }
                judged.add(c.verb());
            }
            if (judged.isEmpty()) {
                return Outcome.inconclusive("none of " + commands.stream().map(Command::verb).collect(Collectors.joining(", "))
                        + " got a 530, so there was no refusal to judge (see RFC3207-4-SHOULD-530)");
            }
            return Outcome.pass("the 530 to " + String.join(", ", judged) + " carries 5.7.0");
        }
    }
}

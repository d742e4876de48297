package org.starttls.run;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import org.starttls.cases.TargetFacts;
import org.starttls.cases.Texts;
import org.starttls.client.ConnectFailedException;
import org.starttls.client.Durations;
import org.starttls.client.MalformedReplyException;
import org.starttls.client.Reply;
import org.starttls.client.ReplyTimeoutException;
import org.starttls.client.SessionException;
import org.starttls.client.SmtpClient;
import org.starttls.client.SmtpSession;
import org.starttls.client.Target;
import org.starttls.client.TlsFacts;
import org.starttls.i18n.Text;
import org.starttls.summary.Profile;

/**
 * One well-behaved session per target before the cases: greeting, EHLO, STARTTLS, EHLO inside TLS, QUIT.
 * It tells which extensions the server offers ({@code @needs}) and whether the profile can be evaluated at all.
 * While it waits for the greeting it says so (a silent server is otherwise a silent suite), and when the first bytes
 * are a TLS record or an HTTP reply instead of a greeting, the reason names that.
 */
public final class TargetProbe {

    private TargetProbe() {
    }

    /** The probe session; {@code progress} hears that the probe waits for a greeting. */
    public static TargetFacts probe(SmtpClient client, Target target, Profile profile, String helo, Consumer<Text> progress) {
        Optional<Reply> greeting = Optional.empty();
        Optional<Reply> ehloClear = Optional.empty();
        Optional<Reply> ehloTls = Optional.empty();
        Optional<TlsFacts> tls = Optional.empty();
        SmtpSession session = null;
        try {
            progress.accept(Texts.of("probe.waiting", target,
                    Durations.human(client.settings().replyTimeout())));
            session = profile == Profile.IMPLICIT_TLS ? client.connectImplicitTls(target) : client.connect(target);
            Reply first;
            try {
                first = session.readReply();
            } catch (ReplyTimeoutException e) {
                return problem(greeting, ehloClear, ehloTls, tls, session, false, firstBytes(target, e.receivedSoFar())
                        .orElse(Texts.of("probe.no_greeting", target, Durations.human(client.settings().replyTimeout()), e.getMessage())));
            } catch (MalformedReplyException e) {
                Optional<Text> looksLike = firstBytes(target, e.offendingBytes());
                if (looksLike.isPresent()) {
                    return problem(greeting, ehloClear, ehloTls, tls, session, true, looksLike.get());
                }
                throw e;
            }
            greeting = Optional.of(first);
            if (first.code() != 220) {
                return problem(greeting, ehloClear, ehloTls, tls, session, true,
                        Texts.of("probe.greeting_code", target, first.code(), first.text()));
            }
            Reply ehlo = session.command("EHLO " + helo);
            if (profile == Profile.IMPLICIT_TLS) {
                ehloTls = Optional.of(ehlo);
                tls = session.tls();
            } else {
                ehloClear = Optional.of(ehlo);
                Reply ready = session.command("STARTTLS");
                if (ready.code() != 220) {
                    return problem(greeting, ehloClear, ehloTls, tls, session, true,
                            Texts.of(ready.code() == 454 ? "probe.starttls_454" : "probe.starttls_refused", profile, target,
                                    ready.code(), ready.text()));
                }
                tls = Optional.of(session.startTls().facts());
                ehloTls = Optional.of(session.command("EHLO " + helo));
            }
            session.command("QUIT");
            return new TargetFacts(greeting, ehloClear, ehloTls, tls, Optional.empty(), true, session.transcript().render());
        } catch (ConnectFailedException e) {
            Text problem = Texts.of("probe.cannot_connect", target, e.getMessage());
            return new TargetFacts(greeting, ehloClear, ehloTls, tls, Optional.of(problem.english()), false,
                    session == null ? "" : session.transcript().render(), problem);
        } catch (ReplyTimeoutException e) {
            // a server too slow for one well-behaved session would only make every case wait out its timeouts too
            return problem(greeting, ehloClear, ehloTls, tls, session, false, Texts.of("probe.failed", target, e.getMessage()));
        } catch (SessionException e) {
            // with implicit TLS a connection that fails before the greeting is a finding for the TLS cases, not
            // an unreachable target (that is ConnectFailedException, above)
            boolean reachable = greeting.isPresent() || profile == Profile.IMPLICIT_TLS;
            return problem(greeting, ehloClear, ehloTls, tls, session, reachable,
                    Texts.of("probe.failed", target, e.getMessage()));
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    /**
     * What the first bytes are when they are no SMTP greeting but something recognisable: a TLS record (content type
     * 20..23, major version 3: a port that expects TLS from the first byte) or an HTTP status line.
     */
    static Optional<Text> firstBytes(Target target, byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] >= 0x14 && bytes[0] <= 0x17) && bytes[1] == 0x03) {
            return Optional.of(Texts.of("probe.looks_like_tls", target));
        }
        String start = new String(bytes, 0, Math.min(bytes.length, 60), StandardCharsets.ISO_8859_1);
        if (start.startsWith("HTTP/")) {
            return Optional.of(Texts.of("probe.looks_like_http", target, start.lines().findFirst().orElse(start).strip()));
        }
        return Optional.empty();
    }

    private static TargetFacts problem(Optional<Reply> greeting, Optional<Reply> ehloClear, Optional<Reply> ehloTls,
                                       Optional<TlsFacts> tls, SmtpSession session, boolean reachable, Text problem) {
        return new TargetFacts(greeting, ehloClear, ehloTls, tls, Optional.of(problem.english()), reachable,
                session == null ? "" : session.transcript().render(), problem);
    }
}

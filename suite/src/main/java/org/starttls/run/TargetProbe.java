package org.starttls.run;

import java.util.Optional;
import org.starttls.cases.TargetFacts;
import org.starttls.client.ConnectFailedException;
import org.starttls.client.Reply;
import org.starttls.client.ReplyTimeoutException;
import org.starttls.client.SessionException;
import org.starttls.client.SmtpClient;
import org.starttls.client.SmtpSession;
import org.starttls.client.Target;
import org.starttls.client.TlsFacts;
import org.starttls.summary.Profile;

/**
 * One well-behaved session per target before the cases: greeting, EHLO, STARTTLS, EHLO inside TLS, QUIT.
 * It tells which extensions the server offers ({@code @needs}) and whether the profile can be evaluated at all.
 */
public final class TargetProbe {

    private TargetProbe() {
    }

    public static TargetFacts probe(SmtpClient client, Target target, Profile profile, String helo) {
        Optional<Reply> greeting = Optional.empty();
        Optional<Reply> ehloClear = Optional.empty();
        Optional<Reply> ehloTls = Optional.empty();
        Optional<TlsFacts> tls = Optional.empty();
        SmtpSession session = null;
        try {
            session = profile == Profile.IMPLICIT_TLS ? client.connectImplicitTls(target) : client.connect(target);
            Reply first = session.readReply();
            greeting = Optional.of(first);
            if (first.code() != 220) {
                return problem(greeting, ehloClear, ehloTls, tls, session, true,
                        target + " greeted with " + first.code() + " instead of 220: " + first.text());
            }
            Reply ehlo = session.command("EHLO " + helo);
            if (profile == Profile.IMPLICIT_TLS) {
                ehloTls = Optional.of(ehlo);
                tls = session.tls();
            } else {
                ehloClear = Optional.of(ehlo);
                Reply ready = session.command("STARTTLS");
                if (ready.code() != 220) {
                    return problem(greeting, ehloClear, ehloTls, tls, session, true, "profile " + profile
                            + " needs a working STARTTLS, but " + target + " answered STARTTLS with " + ready.code() + " "
                            + ready.text() + (ready.code() == 454 ? " (TLS temporarily unavailable)" : ""));
                }
                tls = Optional.of(session.startTls().facts());
                ehloTls = Optional.of(session.command("EHLO " + helo));
            }
            session.command("QUIT");
            return new TargetFacts(greeting, ehloClear, ehloTls, tls, Optional.empty(), true, session.transcript().render());
        } catch (ConnectFailedException e) {
            return new TargetFacts(greeting, ehloClear, ehloTls, tls, Optional.of("cannot connect to " + target + ": "
                    + e.getMessage()), false, session == null ? "" : session.transcript().render());
        } catch (ReplyTimeoutException e) {
            // a server too slow for one well-behaved session would only make every case wait out its timeouts too
            return problem(greeting, ehloClear, ehloTls, tls, session, false,
                    "probe session with " + target + " failed: " + e.getMessage());
        } catch (SessionException e) {
            // with implicit TLS a connection that fails before the greeting is a finding for the TLS cases, not
            // an unreachable target (that is ConnectFailedException, above)
            boolean reachable = greeting.isPresent() || profile == Profile.IMPLICIT_TLS;
            return problem(greeting, ehloClear, ehloTls, tls, session, reachable,
                    "probe session with " + target + " failed: " + e.getMessage());
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    private static TargetFacts problem(Optional<Reply> greeting, Optional<Reply> ehloClear, Optional<Reply> ehloTls,
                                       Optional<TlsFacts> tls, SmtpSession session, boolean reachable, String problem) {
        return new TargetFacts(greeting, ehloClear, ehloTls, tls, Optional.of(problem), reachable,
                session == null ? "" : session.transcript().render());
    }
}

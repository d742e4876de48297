package org.starttls.client;

import java.util.Optional;

/**
 * A reply arrived before the command it would answer was sent: more replies came than the greeting and the commands
 * sent so far can account for (a multi-line reply that ended early and left stray lines, an extra reply to an earlier
 * command, an unasked greeting). No command is judged by such a reply, and every later read of the session throws this
 * too: its replies can no longer be matched to its commands.
 */
public final class DesynchronisedException extends SessionException {

    private final String stray;
    private final transient Reply reply;

    DesynchronisedException(String stray, Reply reply) {
        super("a reply arrived before the command it would answer was sent: '" + stray + "' (a multi-line reply that "
                + "ended early, or an extra reply to an earlier command); the replies are out of step with the commands, "
                + "so nothing after it in this session can be judged");
        this.stray = stray;
        this.reply = reply;
    }

    /** The stray reply, when it was a well-formed one (empty for malformed data). */
    public Optional<Reply> reply() {
        return Optional.ofNullable(reply);
    }

    /** The stray reply as one line, e.g. {@code 250-SIZE 10240000 | 250 STARTTLS}. */
    public String stray() {
        return stray;
    }
}

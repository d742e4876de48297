package org.starttls.client;

/** What the event loop hands to the blocking session: one item per reply, problem or close. */
sealed interface Inbound {

    record ReplyReceived(Reply reply) implements Inbound {
    }

    record MalformedReceived(MalformedReply malformed) implements Inbound {
    }

    record Failed(Throwable cause) implements Inbound {
    }

    /** Always the last item of a session; it stays in the inbox so that every later read sees it. */
    record PeerClosed() implements Inbound {
    }
}

package org.starttls.client;

/** What the event loop hands to the blocking session: one item per reply, problem or close. */
sealed interface Inbound {

    /** @param early it arrived before any command it could answer was sent ({@link DesynchronisedException}) */
    record ReplyReceived(Reply reply, boolean early) implements Inbound {
    }

    record MalformedReceived(MalformedReply malformed, boolean early) implements Inbound {
    }

    record Failed(Throwable cause) implements Inbound {
    }

    /** Always the last item of a session; it stays in the inbox so that every later read sees it. */
    record PeerClosed() implements Inbound {
    }
}

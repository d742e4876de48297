package org.starttls.client;

/** What a quiet period observed: proof of silence, or what broke it. */
public sealed interface QuietResult {

    /** Nothing arrived, not even part of a line. */
    record Silence() implements QuietResult {
        @Override
        public String describe() {
            return "silence";
        }
    }

    record Arrived(Reply reply) implements QuietResult {
        @Override
        public String describe() {
            return "a reply: " + String.join(" / ", reply.wireLines());
        }
    }

    record ArrivedMalformed(String reason) implements QuietResult {
        @Override
        public String describe() {
            return "malformed data: " + reason;
        }
    }

    record Closed() implements QuietResult {
        @Override
        public String describe() {
            return "the server closed the connection";
        }
    }

    /** For messages, e.g. {@code "a reply: 250 OK"}. */
    String describe();
}

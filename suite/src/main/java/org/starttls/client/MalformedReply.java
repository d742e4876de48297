package org.starttls.client;

/**
 * What {@link ReplyDecoder} emits instead of a {@link Reply} when the server's bytes break the reply
 * grammar or the decoder's limits.
 *
 * @param reason    what is wrong, in the words of the RFC where possible
 * @param offending the start of the offending line (at most {@link Escaping#EXCERPT_BYTES} octets)
 */
public record MalformedReply(String reason, byte[] offending) {

    String describe() {
        return reason + ": '" + Escaping.bytes(offending, Escaping.EXCERPT_BYTES) + "'";
    }
}

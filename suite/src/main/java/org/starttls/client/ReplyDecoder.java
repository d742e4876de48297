package org.starttls.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes SMTP replies (RFC 5321 §4.2) strictly and within fixed bounds; emits {@link Reply} or
 * {@link MalformedReply}, never throws and never holds more than one reply of bounded size.
 *
 * <p>After a malformed line the decoder resynchronises at the end of that reply: when the line
 * claimed a continuation ({@code ddd-}), the remaining lines of the reply are discarded too, so a
 * faulty reply never turns into extra, unrelated replies.
 */
public final class ReplyDecoder extends ByteToMessageDecoder {

    /** RFC 5321 §4.5.3.1.5: a reply line, code and CRLF included, is at most 512 octets. */
    static final int RFC_REPLY_LINE_OCTETS = 512;

    private final int maxLineOctets;
    private final int maxReplyLines;

    private final List<String> lines = new ArrayList<>();
    private final Set<String> findings = new LinkedHashSet<>();
    private int code;
    /** Skipping the rest of an overlong line up to its LF. */
    private boolean discardingLine;
    /** Skipping the remaining lines of a malformed multiline reply. */
    private boolean discardingReply;

    public ReplyDecoder(int maxLineOctets, int maxReplyLines) {
        if (maxLineOctets < 5 || maxReplyLines < 1) {
            throw new IllegalArgumentException("line limit must be at least 5 octets and reply limit at least 1 line");
        }
        this.maxLineOctets = maxLineOctets;
        this.maxReplyLines = maxReplyLines;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (discardingLine) {
                int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
                if (lf < 0) {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                in.readerIndex(lf + 1);
                discardingLine = false;
                continue;
            }
            int searchEnd = Math.min(in.writerIndex(), in.readerIndex() + maxLineOctets);
            int lf = in.indexOf(in.readerIndex(), searchEnd, (byte) '\n');
            if (lf >= 0) {
                byte[] line = new byte[lf + 1 - in.readerIndex()];
                in.readBytes(line);
                decodeLine(line, out);
            } else if (in.readableBytes() >= maxLineOctets) {
                byte[] start = new byte[Math.min(in.readableBytes(), Escaping.EXCERPT_BYTES)];
                in.getBytes(in.readerIndex(), start);
                boolean continues = start[3] == '-';
                if (!discardingReply) {
                    malformed("reply line longer than " + maxLineOctets + " octets without a line end", start, out);
                }
                discardingReply = continues;
                discardingLine = true;
            } else {
                return;
            }
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        byte[] unfinished = takePending(in);
        if (unfinished.length > 0) {
            out.add(new MalformedReply("connection closed in the middle of a reply",
                    Arrays.copyOf(unfinished, Math.min(unfinished.length, Escaping.EXCERPT_BYTES))));
        }
    }

    /** Everything received but not yet emitted: lines of an unfinished reply and a partial line. */
    byte[] pendingBytes() {
        return pending(internalBuffer());
    }

    /**
     * Removes and returns everything received but not yet emitted, and starts afresh; for the switch
     * to TLS, after which earlier bytes must not be mixed with decrypted ones.
     */
    byte[] takePendingBytes() {
        return takePending(internalBuffer());
    }

    private byte[] takePending(ByteBuf in) {
        byte[] pending = pending(in);
        in.skipBytes(in.readableBytes());
        resetReply();
        discardingLine = false;
        discardingReply = false;
        return pending;
    }

    private byte[] pending(ByteBuf in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        lines.forEach(text -> bytes.writeBytes((code + "-" + text + "\r\n").getBytes(StandardCharsets.UTF_8)));
        byte[] partial = new byte[in.readableBytes()];
        in.getBytes(in.readerIndex(), partial);
        bytes.writeBytes(partial);
        return bytes.toByteArray();
    }

    private void decodeLine(byte[] line, List<Object> out) {
        boolean crlf = line.length >= 2 && line[line.length - 2] == '\r';
        int textEnd = line.length - (crlf ? 2 : 1);
        boolean continues = textEnd > 3 && line[3] == '-';
        if (discardingReply) {
            discardingReply = continues;
            return;
        }
        int lineCode = ReplyCodes.parse(line);
        if (lineCode < 0 || textEnd < 3) {
            malformed("reply line does not start with a reply code [2-5][0-5][0-9] (RFC 5321 §4.2)", line, out);
        } else if (textEnd > 3 && line[3] != ' ' && line[3] != '-') {
            malformed("reply code not followed by SP, '-' or the line end (RFC 5321 §4.2)", line, out);
        } else if (!lines.isEmpty() && lineCode != code) {
            malformed("reply code changed from " + code + " to " + lineCode
                    + " within one multiline reply (RFC 5321 §4.2.1)", line, out);
        } else if (lines.size() == maxReplyLines) {
            malformed("reply has more than " + maxReplyLines + " lines", line, out);
        } else {
            int lineNumber = lines.size() + 1;
            if (!crlf) {
                findings.add("line " + lineNumber + " ends with a bare LF instead of CRLF (RFC 5321 §2.3.8)");
            }
            if (line.length > RFC_REPLY_LINE_OCTETS) {
                findings.add("line " + lineNumber + " is " + line.length + " octets long; RFC 5321 §4.5.3.1.5 allows "
                        + RFC_REPLY_LINE_OCTETS + " including the code and CRLF");
            }
            code = lineCode;
            lines.add(textEnd > 4 ? new String(line, 4, textEnd - 4, StandardCharsets.UTF_8) : "");
            if (!continues) {
                out.add(new Reply(code, lines, List.copyOf(findings)));
                resetReply();
            }
            return;
        }
        discardingReply = continues;
    }

    private void malformed(String reason, byte[] line, List<Object> out) {
        out.add(new MalformedReply(reason, Arrays.copyOf(line, Math.min(line.length, Escaping.EXCERPT_BYTES))));
        resetReply();
    }

    private void resetReply() {
        lines.clear();
        findings.clear();
        code = 0;
    }
}

package org.starttls.targets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.starttls.client.Target;
import org.starttls.summary.Profile;

/**
 * Reads {@code smtp.targets.file}: one target a line, {@code host:port} ({@code [::1]:25} for IPv6), optionally
 * followed by its profile ({@code require-tls}, {@code offer-tls}, {@code implicit-tls}); {@code #} starts a comment,
 * blank lines are ignored. A line without a profile takes the run's {@code smtp.profile}.
 *
 * <pre>
 * # our relays
 * relay1.example.org:587  require-tls
 * relay1.example.org:465  implicit-tls
 * [2001:db8::25]:25       offer-tls   # the public MX
 * </pre>
 *
 * Every mistake is an {@link IllegalArgumentException} whose message starts with {@code file:line} and says what to
 * write instead.
 */
public final class TargetsFile {

    /** Larger files are refused before reading: a targets list is text a person writes. */
    static final long MAX_BYTES = 4L << 20;
    private static final String FORMAT = "host:port [require-tls|offer-tls|implicit-tls]";

    private TargetsFile() {
    }

    /** Reads and checks the file; {@code defaultProfile} is the run's {@code smtp.profile}. */
    public static List<PlannedTarget> read(Path file, Profile defaultProfile) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(name + " is not a file; write the path of a text file with one target a line ("
                    + FORMAT + ")");
        }
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(name + " is larger than 4 MiB; a targets file lists one " + FORMAT
                        + " a line");
            }
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(name + " is not UTF-8 text; save it as UTF-8 with one " + FORMAT + " a line");
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " cannot be read (" + e.getMessage() + "); check its permissions");
        }
        return parse(file.getFileName().toString(), text, defaultProfile);
    }

    /** Parses the text of a targets file; {@code source} names it in messages and origins. */
    public static List<PlannedTarget> parse(String source, String text, Profile defaultProfile) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = body.split("\r\n|\r|\n", -1);
        List<PlannedTarget> targets = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String where = source + ":" + lineNo + ": ";
            String content = stripComment(lines[i]).strip();
            if (content.isEmpty()) {
                continue;
            }
            String[] fields = content.split("\\s+");
            if (fields.length > 2) {
                throw new IllegalArgumentException(where + "'" + content + "' has more than a target and a profile; write one "
                        + "target a line: " + FORMAT);
            }
            Target target;
            try {
                target = Target.parse(fields[0]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage() + "; write " + FORMAT
                        + ", for example mail.example.org:25 offer-tls");
            }
            Profile profile = fields.length == 2 ? profile(where, fields[1], defaultProfile) : defaultProfile;
            PlannedTarget planned = PlannedTarget.listed(target, profile, source, lineNo);
            Integer earlier = seen.putIfAbsent(planned.key(), lineNo);
            if (earlier != null) {
                throw new IllegalArgumentException(where + planned.key() + " is already listed on line " + earlier
                        + "; list each server once");
            }
            targets.add(planned);
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException(source + " names no target; write one " + FORMAT
                    + " a line, for example mail.example.org:25");
        }
        return List.copyOf(targets);
    }

    private static Profile profile(String where, String field, Profile defaultProfile) {
        try {
            return Profile.parse(field);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "'" + field + "' is not a profile; write " + Profile.names()
                    + " after the target, or nothing for the run's smtp.profile (" + defaultProfile + ")");
        }
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}

package org.starttls.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.starttls.summary.Profile;

class TargetsFileTest {

    @TempDir
    Path dir;

    private static List<PlannedTarget> parse(String text) {
        return TargetsFile.parse("targets.txt", text, Profile.REQUIRE_TLS);
    }

    @Test
    void readsTargetsProfilesCommentsAndBlankLines() {
        List<PlannedTarget> targets = parse("""
                # our relays
                relay1.example.org:587   require-tls

                relay1.example.org:465\timplicit-tls
                [2001:db8::25]:25 OFFER-TLS   # the public MX
                  192.0.2.7:2525
                """);

        assertThat(targets).extracting(PlannedTarget::toString).containsExactly("relay1.example.org:587 require-tls",
                "relay1.example.org:465 implicit-tls", "[2001:db8::25]:25 offer-tls", "192.0.2.7:2525 require-tls");
        assertThat(targets).extracting(t -> t.origins().get(0).describe())
                .containsExactly("targets.txt:2", "targets.txt:4", "targets.txt:5", "targets.txt:6");
        assertThat(targets.get(0).serverName()).isEmpty();
    }

    @Test
    void aLineWithoutProfileTakesTheRunsProfile() {
        assertThat(TargetsFile.parse("t", "mx.example.org:25", Profile.OFFER_TLS).get(0).profile()).isEqualTo(Profile.OFFER_TLS);
    }

    @Test
    void windowsLineEndsAndAByteOrderMarkAreFine() {
        assertThat(parse("\uFEFFa.example:25\r\nb.example:25\r\n")).extracting(PlannedTarget::key)
                .containsExactly("a.example:25", "b.example:25");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mail.example.org|targets.txt:3: missing port in target 'mail.example.org', expected host:port; write host:port [require-tls|offer-tls|implicit-tls], for example mail.example.org:25 offer-tls",
        "2001:db8::1:25|targets.txt:3: IPv6 address in target '2001:db8::1:25' must be in brackets, e.g. [::1]:25; write host:port",
        "mail.example.org:99999|targets.txt:3: port 99999 in target 'mail.example.org:99999' is outside 1..65535; write",
        "mail.example.org:25 starttls|targets.txt:3: 'starttls' is not a profile; write require-tls, offer-tls, implicit-tls after the target, or nothing for the run's smtp.profile (require-tls)",
        "mail.example.org:25 offer-tls extra|targets.txt:3: 'mail.example.org:25 offer-tls extra' has more than a target and a profile; write one target a line: host:port [require-tls|offer-tls|implicit-tls]",
        "[::1:25|targets.txt:3: missing ']' in target '[::1:25', expected [ipv6]:port",
    })
    void aMistakeNamesFileLineAndWhatToWrite(String line, String message) {
        assertThatThrownBy(() -> parse("# header\n\n" + line + "\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void theSameServerTwiceIsRefusedWithBothLines() {
        assertThatThrownBy(() -> parse("MX.example.org:25\nother.example:25\nmx.example.org.:25 offer-tls\n"))
                .hasMessage("targets.txt:3: mx.example.org:25 is already listed on line 1; list each server once");
        assertThatThrownBy(() -> parse("[2001:DB8:0::1]:25\n[2001:db8::1]:25\n"))
                .hasMessage("targets.txt:2: [2001:db8::1]:25 is already listed on line 1; list each server once");
    }

    @Test
    void aFileWithoutTargetsIsRefused() {
        assertThatThrownBy(() -> parse("# nothing yet\n\n"))
                .hasMessage("targets.txt names no target; write one host:port [require-tls|offer-tls|implicit-tls] a line, "
                        + "for example mail.example.org:25");
    }

    /** Random files from targets-shaped fragments: a list of targets, or one sentence that names the file (and line). */
    @Test
    void randomFilesGiveTargetsOrASentenceNamingTheLine() {
        java.util.Random random = new java.util.Random(3207);
        List<String> parts = List.of("mx.example.org", ":", "25", "587", "[", "]", "::1", "192.0.2.1", " ", "\t", "\n",
                "\r\n", "#", "offer-tls", "require-tls", "implicit-tls", "tls", "x", "0", "99999", "\uFEFF", "\u00e9");
        for (int run = 0; run < 5_000; run++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(25); i > 0; i--) {
                text.append(parts.get(random.nextInt(parts.size())).translateEscapes());
            }
            try {
                List<PlannedTarget> targets = parse(text.toString());
                assertThat(targets).isNotEmpty().doesNotHaveDuplicates();
                assertThat(targets).allSatisfy(t -> assertThat(t.origins().get(0)).isInstanceOf(Origin.Listed.class));
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).as("for %s", text).matches("targets\\.txt(:\\d+:)? .+");
            }
        }
    }

    @Test
    void readsAFileAndNamesItInOrigins() throws IOException {
        Path file = Files.writeString(dir.resolve("mx-list.txt"), "a.example:25 offer-tls\n");

        assertThat(TargetsFile.read(file, Profile.REQUIRE_TLS).get(0).origins().get(0))
                .isEqualTo(new Origin.Listed("mx-list.txt", 1));
    }

    @Test
    void aMissingOrBinaryFileIsOneSentence() throws IOException {
        Path missing = dir.resolve("nope.txt");
        assertThatThrownBy(() -> TargetsFile.read(missing, Profile.REQUIRE_TLS))
                .hasMessage(missing + " is not a file; write the path of a text file with one target a line (host:port "
                        + "[require-tls|offer-tls|implicit-tls])");
        Path binary = Files.write(dir.resolve("t.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 'a', ':', '2', '5'});
        assertThatThrownBy(() -> TargetsFile.read(binary, Profile.REQUIRE_TLS))
                .hasMessageStartingWith(binary + " is not UTF-8 text; save it as UTF-8");
        Path huge = Files.write(dir.resolve("huge.txt"), new byte[(int) TargetsFile.MAX_BYTES + 1]);
        assertThatThrownBy(() -> TargetsFile.read(huge, Profile.REQUIRE_TLS)).hasMessageContaining("larger than 4 MiB");
    }
}

package org.starttls.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetTest {

    @ParameterizedTest
    @CsvSource({"localhost:25,localhost,25", "127.0.0.1:2525,127.0.0.1,2525", "[::1]:465,::1,465",
            "' mail.example:587 ',mail.example,587"})
    void parsesHostAndPort(String text, String host, int port) {
        assertThat(Target.parse(text)).isEqualTo(new Target(host, port));
    }

    @Test
    void printsIpv6InBrackets() {
        assertThat(Target.parse("[::1]:25")).hasToString("[::1]:25");
        assertThat(new Target("mail.example", 25)).hasToString("mail.example:25");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "localhost|missing port in target 'localhost', expected host:port",
            ":25|missing host in target ':25', expected host:port",
            "localhost:smtp|port 'smtp' in target 'localhost:smtp' is not a number in 1..65535",
            "localhost:70000|port 70000 in target 'localhost:70000' is outside 1..65535",
            "localhost:0|port 0 in target 'localhost:0' is outside 1..65535",
            "::1:25|IPv6 address in target '::1:25' must be in brackets, e.g. [::1]:25",
            "[::1:25|missing ']' in target '[::1:25', expected [ipv6]:port",
            "[::1]|missing port in target '[::1]', expected [ipv6]:port"})
    void explainsWhatIsWrong(String text, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> Target.parse(text)).withMessage(message);
    }

    @Test
    void rejectsAnEmptyTarget() {
        assertThatIllegalArgumentException().isThrownBy(() -> Target.parse(" "))
                .withMessage("empty target, expected host:port");
    }
}

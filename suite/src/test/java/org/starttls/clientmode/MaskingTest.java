package org.starttls.clientmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The client's own output is evidence, but never shows the account's password, plain or inside base64. */
class MaskingTest {

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void thePasswordIsMaskedAsItIsAndInsideBase64() {
        String password = "pw-0123456789abcdef";
        String output = "password " + password + "\n ~> AUTH PLAIN " + base64("\0user\0" + password) + "\n ~> "
                + base64(password) + "\n ~> " + base64("client-under-test") + " stays";
        String masked = ClientCase.masked(output, password);
        assertThat(masked).doesNotContain(password).doesNotContain(base64("\0user\0" + password))
                .doesNotContain(base64(password)).contains("AUTH PLAIN ***").contains(base64("client-under-test") + " stays");
    }
}

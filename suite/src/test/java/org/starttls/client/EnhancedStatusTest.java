package org.starttls.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnhancedStatusTest {

    @Test
    void parsesACodeAloneOrAtTheStartOfReplyText() {
        assertThat(EnhancedStatus.parse("5.7.0")).contains(new EnhancedStatus(5, 7, 0));
        assertThat(EnhancedStatus.parse("2.1.10 Sender OK")).contains(new EnhancedStatus(2, 1, 10));
        assertThat(EnhancedStatus.parse("4.123.999  two spaces")).contains(new EnhancedStatus(4, 123, 999));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3.0.0 intermediate", "5.7", "5.7.0.1", "5.1234.0", "5.7.0Text", "OK 2.0.0", " 2.0.0"})
    void ignoresTextWithoutALeadingCode(String text) {
        assertThat(EnhancedStatus.parse(text)).isEmpty();
    }

    @Test
    void printsLikeTheRfc() {
        assertThat(new EnhancedStatus(5, 7, 0)).hasToString("5.7.0");
    }
}

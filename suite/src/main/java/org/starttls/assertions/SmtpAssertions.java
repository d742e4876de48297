package org.starttls.assertions;

import org.starttls.client.Reply;

/** Entry point for the suite's AssertJ assertions: {@code assertThat(reply).citing("RFC 3207 §4").hasCode(530)}. */
public final class SmtpAssertions {

    private SmtpAssertions() {
    }

    public static ReplyAssert assertThat(Reply actual) {
        return new ReplyAssert(actual);
    }
}

package org.starttls.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplyTest {

    private final Reply ehlo = Reply.of(250, "mail.example greets you", "PIPELINING", "auth PLAIN LOGIN", "STARTTLS",
            "SIZE  10240000 ");

    @Test
    void listsEhloKeywordsUpperCasedWithoutTheGreetingLine() {
        assertThat(ehlo.ehloKeywords()).containsExactly("PIPELINING", "AUTH", "STARTTLS", "SIZE");
    }

    @Test
    void findsEhloParametersCaseInsensitively() {
        assertThat(ehlo.ehloParameters("AUTH")).contains("PLAIN LOGIN");
        assertThat(ehlo.ehloParameters("size")).contains("10240000");
        assertThat(ehlo.ehloParameters("STARTTLS")).contains("");
        assertThat(ehlo.ehloParameters("MAIL")).isEmpty();
    }

    @Test
    void theGreetingLineIsNoKeyword() {
        assertThat(Reply.of(250, "STARTTLS").ehloKeywords()).isEmpty();
        assertThat(Reply.of(250, "STARTTLS").ehloParameters("STARTTLS")).isEmpty();
    }

    @Test
    void rendersTheWireForm() {
        assertThat(Reply.of(250, "a", "", "b").toWire()).isEqualTo("250-a\r\n250-\r\n250 b\r\n");
        assertThat(Reply.of(250, "").toWire()).isEqualTo("250\r\n");
    }

    @Test
    void joinsTextAndClassifiesTheCode() {
        Reply reply = Reply.of(530, "5.7.0 Must issue a STARTTLS command first", "second");

        assertThat(reply.text()).isEqualTo("5.7.0 Must issue a STARTTLS command first\nsecond");
        assertThat(reply.codeClass()).isEqualTo(5);
        assertThat(reply.enhancedStatus()).contains(new EnhancedStatus(5, 7, 0));
        assertThat(reply.enhancedStatusPerLine()).containsExactly(Optional.of(new EnhancedStatus(5, 7, 0)), Optional.empty());
    }

    @Test
    void rejectsCodesOutsideTheGrammarAndEmptyReplies() {
        assertThatIllegalArgumentException().isThrownBy(() -> Reply.of(600, "x")).withMessageContaining("[2-5][0-5][0-9]");
        assertThatIllegalArgumentException().isThrownBy(() -> Reply.of(270, "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Reply(250, List.of(), List.of()));
    }
}

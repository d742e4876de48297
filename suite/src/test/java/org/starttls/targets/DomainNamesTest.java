package org.starttls.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainNamesTest {

    @Test
    void aCommaListInCanonicalForm() {
        assertThat(DomainNames.parseList(" Example.ORG., mail-1.example.net ,, bücher.example"))
                .containsExactly("example.org", "mail-1.example.net", "xn--bcher-kva.example");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "exa mple.org|'exa mple.org' is not a domain name; write a mail domain such as example.org",
        "-bad.example|'-bad.example' is not a domain name",
        "a..example|'a..example' is not a domain name",
        "under_score.example|'under_score.example' is not a domain name",
        "192.0.2.1|'192.0.2.1' is an address, not a domain; write a mail domain such as example.org, or list the server as a target (smtp.target or smtp.targets.file)",
        "[2001:db8::1]|'[2001:db8::1]' is an address, not a domain",
        "mail.example.org:25|'mail.example.org:25' has a port, but MX hosts are tested on port 25; write a mail domain such as example.org, or list host:port as a target",
    })
    void whatIsNotADomainIsOneSentence(String value, String message) {
        assertThatThrownBy(() -> DomainNames.parseList(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void repeatsAndEmptyListsAreRefused() {
        assertThatThrownBy(() -> DomainNames.parseList("example.org,EXAMPLE.org."))
                .hasMessage("'example.org,EXAMPLE.org.' names example.org twice; list each domain once");
        assertThatThrownBy(() -> DomainNames.parseList(" , "))
                .hasMessage("',' names no domain; write a mail domain such as example.org, or several separated by commas");
        assertThatThrownBy(() -> DomainNames.parse("a".repeat(64) + ".example")).hasMessageContaining("is not a domain name");
    }
}

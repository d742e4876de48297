package org.starttls.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DnsSettingsTest {

    @ParameterizedTest
    @CsvSource({"127.0.0.1:5353,127.0.0.1:5353", "127.0.0.1,127.0.0.1:53", "[::1]:53,[::1]:53", "::1,[::1]:53",
        "[2001:DB8::53],[2001:db8::53]:53"})
    void aResolverIsAnAddressWithAnOptionalPort(String value, String servers) {
        assertThat(DnsSettings.server(value).describeServers()).isEqualTo(servers);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "dns.example:53|'dns.example:53' names the resolver by name, which would need another resolver to look up; write its IP address, for example 127.0.0.1:53 or [::1]:53",
        "resolver|'resolver' names the resolver by name",
        "127.0.0.1:0|port 0 in target '127.0.0.1:0' is outside 1..65535; write the resolver's address and port, for example 127.0.0.1:53 or [::1]:53",
        "127.0.0.1:x|port 'x' in target '127.0.0.1:x' is not a number in 1..65535; write the resolver's address and port",
    })
    void anythingElseIsOneSentence(String value, String message) {
        assertThatThrownBy(() -> DnsSettings.server(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void defaultsAndTheirBound() {
        DnsSettings settings = DnsSettings.server("127.0.0.1:53");

        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.attempts()).isEqualTo(2);
        assertThat(settings.maxDuration(0)).isZero();
        assertThat(settings.maxDuration(8)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.maxDuration(9)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void limitsMustBePositiveAndThereMustBeAServer() {
        assertThatThrownBy(() -> DnsSettings.of(List.of())).hasMessageStartingWith("no DNS resolver to ask");
        assertThatThrownBy(() -> DnsSettings.of(List.of(new InetSocketAddress("127.0.0.1", 53))).withTimeout(Duration.ZERO, 1))
                .hasMessage("DNS limits must be positive");
    }
}

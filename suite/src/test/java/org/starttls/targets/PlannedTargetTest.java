package org.starttls.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.starttls.client.Target;
import org.starttls.summary.Profile;

class PlannedTargetTest {

    private static PlannedTarget mx(String address, String domain, String host) {
        return new PlannedTarget(Target.parse(address), Profile.OFFER_TLS, List.of(host),
                List.of(new Origin.Mx(domain, host, 10, false)));
    }

    @Test
    void oneAddressOfTwoDomainsIsOneTargetReportedForBoth() {
        PlannedTarget merged = mx("192.0.2.1:25", "b.example", "mx.b.example").merge(mx("192.0.2.1:25", "a.example", "mx.a.example"));

        assertThat(merged.domains()).containsExactly("a.example", "b.example");
        assertThat(merged.serverNames()).containsExactly("mx.a.example", "mx.b.example");
        assertThat(merged.serverName()).hasValue("mx.a.example");
        assertThat(merged.origins()).extracting(Origin::describe)
                .containsExactly("MX 10 mx.b.example of b.example", "MX 10 mx.a.example of a.example");
    }

    @Test
    void mergingTheSameOriginTwiceKeepsItOnce() {
        PlannedTarget once = mx("192.0.2.1:25", "a.example", "mx.a.example");
        assertThat(once.merge(once).origins()).hasSize(1);
    }

    @Test
    void twoProfilesForOneServerAreRefusedNamingBothOrigins() {
        PlannedTarget listed = PlannedTarget.listed(Target.parse("192.0.2.1:25"), Profile.REQUIRE_TLS, "targets.txt", 4);

        assertThatThrownBy(() -> listed.merge(mx("192.0.2.1:25", "a.example", "mx.a.example")))
                .hasMessage("192.0.2.1:25 is require-tls as targets.txt:4 but offer-tls as MX 10 mx.a.example of a.example; "
                        + "give one server one profile (a public MX is offer-tls: RFC 3207 §4 forbids it to require TLS)");
        assertThatThrownBy(() -> listed.merge(mx("192.0.2.2:25", "a.example", "mx.a.example")))
                .hasMessageContaining("cannot merge");
    }

    @Test
    void keysAreCanonical() {
        assertThat(PlannedTarget.listed(Target.parse("[2001:DB8:0:0::1]:25"), Profile.OFFER_TLS, "smtp.target", 0).key())
                .isEqualTo("[2001:db8::1]:25");
        assertThat(PlannedTarget.listed(Target.parse("Mail.Example.ORG.:587"), Profile.REQUIRE_TLS, "smtp.target", 0).key())
                .isEqualTo("mail.example.org:587");
        assertThat(Hosts.canonical("[::ffff:192.0.2.1]")).isEqualTo("192.0.2.1");
        assertThat(Hosts.address("mail.example.org")).isEmpty();
        assertThat(new Origin.Listed("smtp.target", 0).describe()).isEqualTo("smtp.target");
        assertThat(new Origin.Mx("a.example", "a.example", 0, true).describe())
                .isEqualTo("implicit MX of a.example (its own address, RFC 5321 §5.1)");
    }
}

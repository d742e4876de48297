package org.starttls.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.starttls.config.TargetSettings.MX_PORT;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.starttls.client.Target;
import org.starttls.summary.Profile;

class TargetPlanTest {

    private static DomainReport testable(String domain, DomainReport.MxHost... hosts) {
        return new DomainReport(domain, DomainReport.Status.TESTABLE, List.of(hosts), domain, List.of());
    }

    private static DomainReport.MxHost host(String name, int preference, String... addresses) throws UnknownHostException {
        List<InetAddress> parsed = new java.util.ArrayList<>();
        for (String a : addresses) {
            parsed.add(InetAddress.getByName(a));
        }
        return new DomainReport.MxHost(name, preference, false, parsed, List.of());
    }

    @Test
    void anAddressSharedByDomainsAndMxHostsIsOneTargetReportedForEach() throws UnknownHostException {
        DomainReport a = testable("a.example", host("mx1.provider.example", 10, "192.0.2.1", "2001:db8::1"),
                host("mx2.provider.example", 20, "192.0.2.2"));
        DomainReport b = testable("b.example", host("mx1.provider.example", 5, "192.0.2.1"));
        DomainReport c = testable("c.example", host("alt.provider.example", 10, "192.0.2.2"));

        TargetPlan plan = TargetPlan.of(List.of(), List.of(a, b, c), MX_PORT);

        assertThat(plan.targets()).extracting(PlannedTarget::key).containsExactly("192.0.2.1:25", "192.0.2.2:25",
                "[2001:db8::1]:25");
        assertThat(plan.targets().get(0).domains()).containsExactly("a.example", "b.example");
        assertThat(plan.targets().get(1).serverNames()).containsExactly("alt.provider.example", "mx2.provider.example");
        assertThat(plan.targets()).filteredOn(t -> t.domains().contains("a.example")).hasSize(3);
        assertThat(plan.targets()).filteredOn(t -> t.domains().contains("b.example")).extracting(PlannedTarget::key)
                .containsExactly("192.0.2.1:25");
        assertThat(plan.targets()).filteredOn(t -> t.domains().contains("c.example")).extracting(PlannedTarget::key)
                .containsExactly("192.0.2.2:25");
    }

    @Test
    void listedTargetsJoinTheMxTargetsAndFailedDomainsAreKept() throws UnknownHostException {
        PlannedTarget relay = PlannedTarget.listed(Target.parse("relay.example:587"), Profile.REQUIRE_TLS, "targets.txt", 1);
        PlannedTarget sameMx = PlannedTarget.listed(Target.parse("192.0.2.1:25"), Profile.OFFER_TLS, "targets.txt", 2);
        DomainReport gone = new DomainReport("gone.example", DomainReport.Status.FAILED, List.of(), "gone", List.of());
        DomainReport nullMx = new DomainReport("none.example", DomainReport.Status.NULL_MX, List.of(), "null", List.of());

        TargetPlan plan = TargetPlan.of(List.of(relay, sameMx), List.of(testable("a.example", host("mx.a.example", 10, "192.0.2.1")),
                gone, nullMx), MX_PORT);

        assertThat(plan.targets()).extracting(PlannedTarget::key).containsExactly("192.0.2.1:25", "relay.example:587");
        assertThat(plan.targets().get(0).origins()).extracting(Origin::describe)
                .containsExactly("targets.txt:2", "MX 10 mx.a.example of a.example");
        assertThat(plan.domains()).extracting(DomainReport::domain).containsExactly("a.example", "gone.example",
                "none.example");
    }

    @Test
    void aListedServerWithAnotherProfileThanItsMxRoleIsRefused() throws UnknownHostException {
        PlannedTarget strict = PlannedTarget.listed(Target.parse("192.0.2.1:25"), Profile.REQUIRE_TLS, "targets.txt", 3);

        assertThatThrownBy(() -> TargetPlan.of(List.of(strict),
                List.of(testable("a.example", host("mx.a.example", 10, "192.0.2.1"))), MX_PORT))
                .hasMessageStartingWith("192.0.2.1:25 is require-tls as targets.txt:3 but offer-tls as MX 10 mx.a.example of "
                        + "a.example; give one server one profile");
    }
}

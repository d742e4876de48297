package org.starttls.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.starttls.config.TargetSettings.MX_PORT;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.starttls.fixtures.dns.LoopbackDnsServer;
import org.starttls.fixtures.dns.Zone;
import org.starttls.summary.Profile;
import org.xbill.DNS.Type;

/** MX resolution against the loopback DNS server; the addresses in the zones are data only, nothing connects to them. */
class MxResolverTest {

    private LoopbackDnsServer dns;
    private MxResolver resolver;

    @AfterEach
    void stop() {
        if (resolver != null) {
            resolver.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    private DomainReport resolve(Zone zone, String domain) throws IOException {
        return resolve(zone, domain, settings -> settings);
    }

    private DomainReport resolve(Zone zone, String domain, java.util.function.UnaryOperator<DnsSettings> tune)
            throws IOException {
        dns = LoopbackDnsServer.start(zone);
        resolver = new MxResolver(tune.apply(DnsSettings.server(dns.hostPort())));
        return resolver.resolve(domain);
    }

    /** Short enough for the silent cases, long enough that a loaded machine still gets its loopback answers in time. */
    private static DnsSettings quick(DnsSettings s) {
        return s.withTimeout(Duration.ofSeconds(1), 2);
    }

    @Test
    void mxHostsByPreferenceEachAddressATargetOnPort25() throws IOException {
        DomainReport report = resolve(Zone.builder().mx("example.org", 20, "mx2.example.org").mx("example.org", 10, "mx1.example.org")
                .a("mx1.example.org", "192.0.2.11").aaaa("mx1.example.org", "2001:db8::11").a("mx2.example.org", "192.0.2.12")
                .build(), "example.org");

        assertThat(report.status()).isEqualTo(DomainReport.Status.TESTABLE);
        assertThat(report.summary()).isEqualTo("example.org: 2 MX hosts, 3 addresses to test");
        assertThat(report.hosts()).extracting(DomainReport.MxHost::name, DomainReport.MxHost::preference)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mx1.example.org", 10),
                        org.assertj.core.groups.Tuple.tuple("mx2.example.org", 20));
        assertThat(report.targets(MX_PORT)).extracting(PlannedTarget::toString).containsExactly(
                "192.0.2.11:25 offer-tls (mx1.example.org)", "[2001:db8::11]:25 offer-tls (mx1.example.org)",
                "192.0.2.12:25 offer-tls (mx2.example.org)");
        assertThat(report.targets(MX_PORT).get(0).profile()).isEqualTo(Profile.OFFER_TLS);
        assertThat(report.targets(MX_PORT).get(2).origins()).containsExactly(new Origin.Mx("example.org", "mx2.example.org", 20, false));
        assertThat(report.notes()).isEmpty();
        assertThat(dns.queries()).extracting(LoopbackDnsServer.Query::toString).contains("example.org/MX/UDP",
                "mx1.example.org/A/UDP", "mx1.example.org/AAAA/UDP", "mx2.example.org/A/UDP", "mx2.example.org/AAAA/UDP");
    }

    @Test
    void noMxRecordMeansTheDomainsOwnAddressAsImplicitMx() throws IOException {
        DomainReport report = resolve(Zone.builder().a("small.example", "192.0.2.20").build(), "small.example");

        assertThat(report.status()).isEqualTo(DomainReport.Status.TESTABLE);
        assertThat(report.targets(MX_PORT)).singleElement().satisfies(t -> {
            assertThat(t.key()).isEqualTo("192.0.2.20:25");
            assertThat(t.serverName()).hasValue("small.example");
            assertThat(t.origins()).containsExactly(new Origin.Mx("small.example", "small.example", 0, true));
        });
        assertThat(report.notes()).containsExactly("small.example has no MX record: its own address is tested as its "
                + "implicit MX (RFC 5321 §5.1)");
    }

    @Test
    void noMxAndNoAddressIsOneSentence() throws IOException {
        DomainReport report = resolve(Zone.builder().record(new org.xbill.DNS.TXTRecord(Zone.name("bare.example"),
                org.xbill.DNS.DClass.IN, 300, "v=spf1 -all")).build(), "bare.example");

        assertThat(report.status()).isEqualTo(DomainReport.Status.FAILED);
        assertThat(report.summary()).isEqualTo("bare.example has no MX record and no A or AAAA record (RFC 5321 §5.1): it "
                + "receives no mail, so there is no server to test");
        assertThat(report.targets(MX_PORT)).isEmpty();
    }

    @Test
    void aNullMxIsAReportedFactWithoutTargets() throws IOException {
        DomainReport report = resolve(Zone.builder().nullMx("nomail.example").a("nomail.example", "192.0.2.30").build(),
                "nomail.example");

        assertThat(report.status()).isEqualTo(DomainReport.Status.NULL_MX);
        assertThat(report.summary()).isEqualTo("nomail.example publishes a null MX (MX 0 ., RFC 7505): it accepts no mail, "
                + "so there is no server to test");
        assertThat(report.targets(MX_PORT)).isEmpty();
        assertThat(dns.queries()).extracting(LoopbackDnsServer.Query::type).containsExactly("MX");
    }

    @Test
    void aNullMxBesideRealMxRecordsIsIgnoredWithANote() throws IOException {
        DomainReport report = resolve(Zone.builder().nullMx("mixed.example").mx("mixed.example", 10, "mx.mixed.example")
                .a("mx.mixed.example", "192.0.2.31").build(), "mixed.example");

        assertThat(report.targets(MX_PORT)).extracting(PlannedTarget::key).containsExactly("192.0.2.31:25");
        assertThat(report.notes()).singleElement().asString().contains("RFC 7505 §3 forbids");
    }

    @Test
    void nxdomainServfailAndRefusedAreOneSentenceEach() throws IOException {
        Zone zone = Zone.builder().fail("broken.example", Zone.Failure.SERVFAIL).fail("closed.example", Zone.Failure.REFUSED).build();
        DomainReport gone = resolve(zone, "gone.example");
        String server = dns.hostPort();

        assertThat(gone.summary()).isEqualTo("gone.example does not exist (NXDOMAIN): it has no mail exchanger to test");
        assertThat(resolver.resolve("broken.example").summary()).isEqualTo("the MX lookup of broken.example failed: the "
                + "resolver answered SERVFAIL for MX broken.example: the domain's name servers fail or its DNSSEC signatures "
                + "do not validate");
        assertThat(resolver.resolve("closed.example").summary()).isEqualTo("the MX lookup of closed.example failed: the "
                + "resolver " + server + " refused to answer MX closed.example; give smtp.dns.server a resolver that serves "
                + "this machine");
        assertThat(List.of(gone, resolver.resolve("broken.example"))).extracting(DomainReport::status)
                .containsOnly(DomainReport.Status.FAILED);
        // an error answer is final: one query each, no retry
        assertThat(dns.queries("broken.example")).hasSize(2);
    }

    @Test
    void aSilentResolverIsATimeoutAfterTheAttempts() throws IOException {
        DomainReport report = resolve(Zone.builder().fail("slow.example", Zone.Failure.SILENT).build(), "slow.example",
                MxResolverTest::quick);

        assertThat(report.status()).isEqualTo(DomainReport.Status.FAILED);
        assertThat(report.summary()).isEqualTo("the MX lookup of slow.example failed: no answer for MX slow.example from "
                + dns.hostPort() + " within 1 s (2 attempts)");
        assertThat(dns.queries("slow.example")).hasSize(2);
    }

    @Test
    void aFamilyThatTimesOutIsANoteWhenTheOtherHasAddresses() throws IOException {
        DomainReport report = resolve(Zone.builder().mx("v4.example", 10, "mx.v4.example").a("mx.v4.example", "192.0.2.40")
                .fail("mx.v4.example", Type.AAAA, Zone.Failure.SILENT).build(), "v4.example", MxResolverTest::quick);

        assertThat(report.status()).isEqualTo(DomainReport.Status.TESTABLE);
        assertThat(report.targets(MX_PORT)).extracting(PlannedTarget::key).containsExactly("192.0.2.40:25");
        assertThat(report.notes()).containsExactly("left out: no answer for AAAA mx.v4.example from " + dns.hostPort()
                + " within 1 s (2 attempts)");
    }

    @Test
    void mxHostsWithoutAddressAreLeftOutAndNoneAtAllFailsTheDomain() throws IOException {
        Zone zone = Zone.builder().mx("half.example", 10, "gone.half.example").mx("half.example", 20, "mx.half.example")
                .a("mx.half.example", "192.0.2.50").mx("none.example", 10, "gone.none.example")
                .mx("none.example", 20, "empty.none.example").record(new org.xbill.DNS.TXTRecord(Zone.name("empty.none.example"),
                        org.xbill.DNS.DClass.IN, 300, "no address")).build();
        DomainReport half = resolve(zone, "half.example");

        assertThat(half.summary()).isEqualTo("half.example: 2 MX hosts, 1 address to test (1 MX host without address)");
        assertThat(half.notes()).containsExactly("left out: gone.half.example does not exist (NXDOMAIN)");
        DomainReport none = resolver.resolve("none.example");
        assertThat(none.status()).isEqualTo(DomainReport.Status.FAILED);
        assertThat(none.summary()).isEqualTo("none of the MX hosts of none.example has an address: gone.none.example does not "
                + "exist (NXDOMAIN); empty.none.example has no A or AAAA record");
    }

    @Test
    void aliasesAreFollowedAndNoted() throws IOException {
        DomainReport report = resolve(Zone.builder().cname("alias.example", "real.example").mx("real.example", 10, "mx.real.example")
                .cname("mx.real.example", "host.provider.example").a("host.provider.example", "192.0.2.60").build(),
                "alias.example");

        assertThat(report.targets(MX_PORT)).extracting(PlannedTarget::toString).containsExactly("192.0.2.60:25 offer-tls (mx.real.example)");
        assertThat(report.notes()).containsExactly(
                "alias.example is an alias (CNAME) of real.example; the MX records of real.example are used (RFC 5321 §5.1)",
                "MX host mx.real.example is an alias (CNAME) of host.provider.example; RFC 2181 §10.3 says an MX must name a "
                        + "host, not an alias; its addresses are tested all the same");
    }

    @Test
    void theResolverChasesAnAliasItselfWhenTheServerDoesNot() throws IOException {
        dns = LoopbackDnsServer.start(Zone.builder().mx("hop.example", 10, "mx.hop.example").cname("mx.hop.example", "one.example")
                .cname("one.example", "two.example").a("two.example", "192.0.2.61").build());
        dns.chaseCnames(false);
        resolver = new MxResolver(DnsSettings.server(dns.hostPort()));

        assertThat(resolver.resolve("hop.example").targets(MX_PORT)).extracting(PlannedTarget::key).containsExactly("192.0.2.61:25");
        assertThat(dns.queries()).extracting(LoopbackDnsServer.Query::toString)
                .contains("mx.hop.example/A/UDP", "one.example/A/UDP", "two.example/A/UDP");
    }

    @Test
    void aCnameLoopAndAnOverlongChainAreBounded() throws IOException {
        dns = LoopbackDnsServer.start(Zone.builder().cname("loop.example", "back.example").cname("back.example", "loop.example")
                .cname("long.example", "l1.example").cname("l1.example", "l2.example").cname("l2.example", "l3.example")
                .mx("l3.example", 10, "mx.l3.example").build());
        dns.chaseCnames(false);
        resolver = new MxResolver(DnsSettings.server(dns.hostPort()).withLimits(2, 10, Duration.ofSeconds(30)));

        assertThat(resolver.resolve("loop.example").summary()).isEqualTo("the MX lookup of loop.example failed: loop.example "
                + "is a CNAME loop (loop.example -> back.example -> loop.example)");
        assertThat(resolver.resolve("long.example").summary()).isEqualTo("the MX lookup of long.example failed: long.example "
                + "is a chain of more than 2 CNAMEs (long.example -> l1.example -> l2.example -> l3.example)");
    }

    @Test
    void theDomainBudgetEndsSlowLookups() throws IOException {
        DomainReport report = resolve(Zone.builder().mx("budget.example", 10, "mx.budget.example").a("mx.budget.example", "192.0.2.70")
                .fail("mx.budget.example", Type.AAAA, Zone.Failure.SILENT).build(), "budget.example",
                // the budget is long enough for the lookups that must succeed on a loaded machine; the silent one would
                // wait 2 x 10 s, so only the budget can end it
                s -> s.withTimeout(Duration.ofSeconds(10), 2).withLimits(8, 10, Duration.ofSeconds(5)));

        assertThat(report.targets(MX_PORT)).extracting(PlannedTarget::key).containsExactly("192.0.2.70:25");
        assertThat(report.notes()).containsExactly("left out: AAAA mx.budget.example was not answered within the domain's "
                + "budget of 5 s");
    }

    @Test
    void atMostTheMostPreferredMxHostsEachOnce() throws IOException {
        DomainReport report = resolve(Zone.builder().mx("many.example", 30, "c.many.example").mx("many.example", 10, "a.many.example")
                .mx("many.example", 20, "b.many.example").mx("many.example", 40, "a.many.example")
                .a("a.many.example", "192.0.2.81").a("b.many.example", "192.0.2.82").a("c.many.example", "192.0.2.83").build(),
                "many.example", s -> s.withLimits(8, 2, Duration.ofSeconds(30)));

        assertThat(report.hosts()).extracting(DomainReport.MxHost::name).containsExactly("a.many.example", "b.many.example");
        assertThat(report.hosts().get(0).preference()).isEqualTo(10);
        assertThat(report.notes()).containsExactly("many.example has 3 MX hosts; only the 2 most preferred are tested");
    }

    @Test
    void anUnspecifiedAddressIsLeftOut() throws IOException {
        DomainReport report = resolve(Zone.builder().mx("zero.example", 10, "mx.zero.example")
                .a("mx.zero.example", "0.0.0.0", "192.0.2.90").build(), "zero.example");

        assertThat(report.targets(MX_PORT)).extracting(PlannedTarget::key).containsExactly("192.0.2.90:25");
        assertThat(report.notes()).containsExactly("mx.zero.example has the address 0.0.0.0, where no server can listen; left out");
    }

    @Test
    void aTruncatedAnswerIsFetchedOverTcp() throws IOException {
        String[] addresses = IntStream.rangeClosed(1, 40).mapToObj(i -> "192.0.2." + i).toArray(String[]::new);
        dns = LoopbackDnsServer.start(Zone.builder().mx("big.example", 10, "mx.big.example").a("mx.big.example", addresses).build());
        dns.udpLimit(512);
        resolver = new MxResolver(DnsSettings.server(dns.hostPort()));

        assertThat(resolver.resolve("big.example").targets(MX_PORT)).hasSize(40);
        assertThat(dns.queries("mx.big.example")).extracting(LoopbackDnsServer.Query::transport).contains(LoopbackDnsServer.Transport.TCP);
    }

    @Test
    void resolveAllKeepsTheOrderGiven() throws IOException {
        dns = LoopbackDnsServer.start(Zone.builder().mx("b.example", 10, "mx.b.example").a("mx.b.example", "192.0.2.100")
                .nullMx("a.example").build());
        resolver = new MxResolver(DnsSettings.server(dns.hostPort()));

        assertThat(resolver.resolveAll(List.of("b.example", "a.example", "c.example")))
                .extracting(DomainReport::domain, DomainReport::status).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("b.example", DomainReport.Status.TESTABLE),
                        org.assertj.core.groups.Tuple.tuple("a.example", DomainReport.Status.NULL_MX),
                        org.assertj.core.groups.Tuple.tuple("c.example", DomainReport.Status.FAILED));
    }
}

package org.starttls.robustness;

import static org.starttls.robustness.HostileServer.drain;
import static org.starttls.robustness.HostileServer.readLine;
import static org.starttls.robustness.HostileServer.write;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.starttls.cases.ConformanceCase;
import org.starttls.checks.ExtraScripts;
import org.starttls.client.RefusingPort;
import org.starttls.fixtures.pki.Credential;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.Behaviour;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.Reply;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.fixtures.server.Verb;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * Every hostile server and network fault the suite must survive, each with the bound its run must end within
 * (in units of T = smtp.timeout, which is also the connect timeout) and what the summary must say about it.
 */
final class HostileCases {

    /** smtp.timeout of every hostile run: short, so that the whole set runs in well under a minute. */
    static final Duration T = Duration.ofMillis(500);
    /**
     * Allowance on top of each documented bound, wide enough for a loaded shared machine: this only tells a hang (the
     * run's budget is minutes) from an end; how long a run takes is printed in the table and measured in benchmarks.
     */
    static final Duration SLACK = Duration.ofSeconds(30);

    /** One hostile run: start a server, run the suite against it, check the summary. */
    record HostileCase(String name, String bound, double boundInT, Setup setup, Function<Summary.TargetSummary, String> check) {
        Duration limit() {
            return Duration.ofMillis((long) (boundInT * T.toMillis())).plus(SLACK);
        }
    }

    interface Setup {
        Started start(TestPki pki, Path caPem) throws Exception;
    }

    /** The server (closed after the run), the properties besides timeout and report dir, and the cases to run. */
    record Started(AutoCloseable server, Map<String, String> properties, List<ConformanceCase> cases) {
        static Started of(AutoCloseable server, String target, String... more) {
            Map<String, String> props = new HashMap<>(Map.of("smtp.target", target, "smtp.tls.trust", "any"));
            for (int i = 0; i < more.length; i += 2) {
                props.put(more[i], more[i + 1]);
            }
            return new Started(server, props, RunHarness.catalogueCases());
        }

        Started withCases(List<ConformanceCase> newCases) {
            return new Started(server, properties, newCases);
        }
    }

    private HostileCases() {
    }

    static List<HostileCase> all() {
        List<HostileCase> cases = new ArrayList<>();
        cases.add(new HostileCase("connection refused", "connect timeout", 1, (pki, ca) -> {
            RefusingPort refusing = RefusingPort.open();
            return Started.of(refusing, refusing.target().toString());
        }, error("connection refused")));
        cases.add(new HostileCase("DNS name does not resolve (.invalid)", "connect timeout (the lookup counts against it)", 1,
                (pki, ca) -> Started.of(() -> { }, "mail.conformance.invalid:25"), error("resolve", "no answer for host")));
        cases.add(new HostileCase("accepts, never speaks", "connect timeout + T", 2,
                (pki, ca) -> started(HostileServer.start((s, in, out) -> drain(in))), error("no complete reply within 500ms")));
        cases.add(new HostileCase("dribbles the greeting one byte per 0.4 T", "connect timeout + T", 2,
                (pki, ca) -> started(HostileServer.start((s, in, out) -> {
                    for (char c : "220 slow greeting\r\n".toCharArray()) {
                        write(out, String.valueOf(c));
                        Thread.sleep(T.toMillis() * 2 / 5);
                    }
                })), error("no complete reply within 500ms")));
        cases.add(new HostileCase("8 MiB without CRLF", "connect timeout + T", 2,
                (pki, ca) -> started(HostileServer.start((s, in, out) -> {
                    byte[] chunk = new byte[64 * 1024];
                    Arrays.fill(chunk, (byte) 'A');
                    write(out, "220");
                    for (int i = 0; i < 128; i++) {
                        out.write(chunk);
                    }
                    drain(in);
                })), error("longer than 4096 octets without a line end")));
        cases.add(new HostileCase("endless multiline greeting", "connect timeout + T", 2,
                (pki, ca) -> started(HostileServer.start((s, in, out) -> {
                    while (true) {
                        write(out, "220-and another line\r\n");
                    }
                })), error("reply has more than 100 lines")));
        cases.add(new HostileCase("malformed multiline (code changes)", "connect timeout + T", 2,
                (pki, ca) -> started(HostileServer.start((s, in, out) -> {
                    write(out, "220-first\r\n250 second\r\n");
                    drain(in);
                })), error("reply code changed from 220 to 250")));
        cases.add(new HostileCase("bare LF line ends, no TLS", "connect timeout + 3 T", 4,
                (pki, ca) -> started(HostileServer.start((s, in, out) -> {
                    write(out, "220 lf-only ESMTP\n");
                    while (readLine(in) != null) {
                        write(out, "250-lf-only\n250 STARTTLS\n");
                        readLine(in);
                        write(out, "454 4.7.0 TLS not available\n");
                    }
                })), error("answered STARTTLS with 454")));
        cases.add(new HostileCase("closes right after the 220 greeting", "connect timeout + T", 2,
                (pki, ca) -> started(HostileServer.start((s, in, out) -> write(out, "220 bye at once\r\n"))),
                error("closed")));
        cases.add(new HostileCase("resets in the middle of a reply", "connect timeout + T", 2,
                (pki, ca) -> started(HostileServer.start((s, in, out) -> {
                    Thread.sleep(100);
                    write(out, "220-half a gree");
                    s.setSoLinger(true, 0);
                })), error("reset")));
        cases.add(new HostileCase("garbage instead of the TLS handshake", "connect timeout + 3 T + handshake (T + 1 s)", 6,
                (pki, ca) -> started(HostileServer.start((s, in, out) -> {
                    upToStartTls(in, out);
                    in.read(new byte[64]);
                    write(out, "\u00ff\u00fe garbage, not a TLS record\r\n");
                    drain(in);
                })), error("not TLS", "plaintext instead of a TLS ServerHello")));
        cases.add(new HostileCase("closes in the middle of the TLS handshake", "connect timeout + 3 T + handshake (T + 1 s)", 6,
                (pki, ca) -> started(HostileServer.start((s, in, out) -> {
                    upToStartTls(in, out);
                    in.read(new byte[64]);
                })), error("handshake")));
        cases.add(new HostileCase("TLS server on the plaintext port", "connect timeout + T", 2,
                (pki, ca) -> started(HostileServer.start(sslContext(pki.server()).getServerSocketFactory(), (s, in, out) -> drain(in))),
                error("no complete reply within 500ms")));
        cases.add(new HostileCase("plaintext server on the implicit-TLS port", "connect timeout + handshake (T + 1 s)", 3,
                (pki, ca) -> {
                    HostileServer server = HostileServer.start((s, in, out) -> {
                        write(out, "220 plaintext ESMTP\r\n");
                        drain(in);
                    });
                    return Started.of(server, server.target(), "smtp.profile", "implicit-tls");
                }, error("instead of a TLS ServerHello")));
        cases.add(new HostileCase("huge certificate chain (leaf + 150 certificates, about 70 KB)",
                "connect timeout + 3 T + handshake (T + 1 s)", 6,
                (pki, ca) -> {
                    List<X509Certificate> chain = HugeChain.of(pki.server().leaf(), 150);
                    ReferenceServer server = ReferenceServer.start(ServerOptions.builder(new Credential(pki.server().key(), chain)).build());
                    return Started.of(server, server.target(), "smtp.tls.trust", ca.toString());
                }, t -> t.error() != null && t.error().contains("exceeds the maximum allowed size") ? null
                        : "expected the handshake to stop at the size cap, got: " + t.error()));
        cases.add(new HostileCase("421 greeting", "connect timeout + T", 2,
                (pki, ca) -> started(HostileServer.start((s, in, out) -> write(out, "421 4.3.2 too busy, try later\r\n"))),
                error("greeted with 421")));
        cases.add(new HostileCase("421 greeting, smtp.retry.421=200ms", "2 x (connect timeout + T) + pause", 4.4,
                (pki, ca) -> {
                    HostileServer server = HostileServer.start((s, in, out) -> write(out, "421 4.3.2 too busy, try later\r\n"));
                    return Started.of(server, server.target(), "smtp.retry.421", "200ms");
                }, error("greeted with 421")));
        cases.add(new HostileCase("421 to one NOOP, smtp.retry.421=200ms", "probe + 2 cases + pause", 30,
                (pki, ca) -> {
                    AtomicBoolean once = new AtomicBoolean();
                    ReferenceServer server = reference(pki, new Behaviour() {
                        @Override
                        protected ChannelFuture emit(ChannelHandlerContext ctx, Verb cause, Reply reply) {
                            boolean shed = cause == Verb.NOOP && once.compareAndSet(false, true);
                            return super.emit(ctx, cause, shed ? Reply.of(421, "4.3.2", "shedding load") : reply);
                        }
                    });
                    return Started.of(server, server.target(), "smtp.tls.trust", ca.toString(), "smtp.retry.421", "200ms",
                            "smtp.select", "RFC3207-4-INFO-ALLOWED-BEFORE-TLS");
                }, t -> t.results().stream().flatMap(r -> r.cases().stream())
                        .anyMatch(c -> c.name().endsWith("NOOP") && c.verdict() == Verdict.PASS
                                && c.detail().startsWith("run again after a 421"))
                        ? null : "the NOOP case was not run again after its 421"));
        cases.add(new HostileCase("tarpit: every reply but the 220 to STARTTLS after 0.4 T, a 40-reply case, concurrency 1",
                "probe (about 6 replies) + one case budget (12 T) + 2 s", 6 * 0.4 + 12 + 4,
                (pki, ca) -> {
                    ReferenceServer server = reference(pki, new SlowReplies(T.multipliedBy(2).dividedBy(5)));
                    // queued first, so that the catalogue's cases come after its budget ran out
                    List<ConformanceCase> cases2 = new ArrayList<>(List.of(ExtraScripts.queuedFirst(
                            ExtraScripts.of(TARPIT_OWNER, "TARPIT-LONG", "a long case against a tarpit", longScript(40)))));
                    cases2.addAll(RunHarness.catalogueCases());
                    return Started.of(server, server.target(), "smtp.tls.trust", ca.toString(), "smtp.concurrency", "1")
                            .withCases(cases2);
                }, HostileCases::tarpitCapped));
        return cases;
    }

    private static Started started(HostileServer server) {
        return Started.of(server, server.target());
    }

    private static ReferenceServer reference(TestPki pki, Behaviour behaviour) {
        return ReferenceServer.start(ServerOptions.builder(pki.server()).behaviour(behaviour).build());
    }

    /** Greeting, EHLO with STARTTLS, and the 220 to STARTTLS; what comes next is the hostile part. */
    private static void upToStartTls(InputStream in, OutputStream out) throws Exception {
        write(out, "220 hostile ESMTP\r\n");
        readLine(in);
        write(out, "250-hostile\r\n250 STARTTLS\r\n");
        readLine(in);
        write(out, "220 2.0.0 go ahead\r\n");
    }

    private static final String TARPIT_OWNER = "RFC3207-3-INFO-STARTTLS-ADVERTISED";

    private static String longScript(int noops) {
        StringBuilder s = new StringBuilder("S: 220\nC: EHLO ${helo}\nS! 250 +STARTTLS\n");
        for (int i = 0; i < noops; i++) {
            s.append("C: NOOP\nS: 250\n");
        }
        return s.append("C: QUIT\nS: 221\n").toString();
    }

    private static String tarpitCapped(Summary.TargetSummary t) {
        List<Summary.CaseSummary> all = t.results().stream().flatMap(r -> r.cases().stream()).toList();
        Summary.CaseSummary longCase = all.stream().filter(c -> c.name().equals(TARPIT_OWNER + "-TARPIT-LONG")).findFirst().orElseThrow();
        if (longCase.verdict() != Verdict.INCONCLUSIVE || !longCase.detail().contains("time budget")) {
            return "the long case was not cut by its budget: " + longCase.verdict() + " " + longCase.detail();
        }
        return all.stream().filter(c -> c != longCase && c.verdict() != Verdict.NOT_APPLICABLE
                        && !c.detail().contains("used up its budget")).findFirst()
                .map(c -> "case " + c.name() + " was run after the budget ran out: " + c.verdict()).orElse(null);
    }

    /**
     * Null when the target's error mentions one of {@code expected}. Cases may still PASS where the server gets far
     * enough (a stub that answers EHLO correctly passes the EHLO checks); cases that cannot run are INCONCLUSIVE.
     */
    private static Function<Summary.TargetSummary, String> error(String... expected) {
        return t -> {
            String error = t.error() == null ? "" : t.error();
            return Arrays.stream(expected).anyMatch(error::contains) ? null
                    : "expected an error naming " + Arrays.toString(expected) + ", got " + t.counts() + " error: " + error;
        };
    }

    static SSLContext sslContext(Credential credential) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "transient".toCharArray();
        store.setKeyEntry("server", credential.key(), password, credential.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /**
     * A tarpit: the reference server, but every reply (greeting included) leaves only after {@code delay}. The 220 to
     * STARTTLS is the exception: the server's SslHandler lets only the first flush after it out in plaintext.
     */
    private static final class SlowReplies extends Behaviour {
        private final Duration delay;

        SlowReplies(Duration delay) {
            this.delay = delay;
        }

        @Override
        protected void greet(ChannelHandlerContext ctx, Reply greeting) {
            later(ctx, greeting);
        }

        @Override
        protected ChannelFuture emit(ChannelHandlerContext ctx, Verb cause, Reply reply) {
            return cause == Verb.STARTTLS && reply.code() == 220 ? super.emit(ctx, cause, reply) : later(ctx, reply);
        }

        private ChannelFuture later(ChannelHandlerContext ctx, Reply reply) {
            ChannelPromise done = ctx.newPromise();
            ctx.executor().schedule(() -> {
                send(ctx, reply).addListener(f -> {
                    if (f.isSuccess()) {
                        done.trySuccess();
                    } else {
                        done.tryFailure(f.cause());
                    }
                });
                ctx.flush();
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
            return done;
        }
    }
}

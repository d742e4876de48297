package org.starttls.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.starttls.client.Reply;
import org.starttls.client.SessionException;
import org.starttls.client.SmtpClient;
import org.starttls.client.SmtpSession;
import org.starttls.client.Target;

/**
 * One full STARTTLS session (connect, greeting, EHLO, STARTTLS, full handshake, EHLO, QUIT, the server's close),
 * made by our engine and by {@code openssl s_client -starttls smtp} against the same server, in alternating rounds
 * so that both see the same machine load.
 */
final class SessionBench {

    static final String HELO = "bench.invalid";
    private static final int WARM_UP = 40;
    private static final int ROUNDS = 4;
    private static final int PER_ROUND = 15;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final long OPENSSL_TIMEOUT_SECONDS = 20;

    private final SmtpClient client;
    private final Target target;
    private final Path caPem;

    SessionBench(SmtpClient client, Target target, Path caPem) {
        this.client = client;
        this.target = target;
        this.caPem = caPem;
    }

    /** The steps of one engine session, timed separately to show where its time goes. */
    private static final List<String> PHASES = List.of("connect + greeting", "EHLO", "STARTTLS", "TLS handshake",
            "EHLO in TLS", "QUIT", "server's close");

    record Result(Samples engine, Samples openssl, Map<String, Samples> phases) {
        double ratio() {
            return engine.medianMillis() / openssl.medianMillis();
        }

        String row(String server) {
            return String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %s |", server, engine.describe(), openssl.describe(),
                    ratio(), phases.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(),
                            e.getValue().medianMillis())).collect(Collectors.joining(", ")));
        }
    }

    Result run() throws IOException, SessionException, InterruptedException {
        Map<String, Samples> phases = new LinkedHashMap<>();
        PHASES.forEach(p -> phases.put(p, new Samples()));
        for (int i = 0; i < WARM_UP; i++) {
            engineSession(new Samples[PHASES.size()]);
        }
        opensslSession();
        Samples engine = new Samples();
        Samples openssl = new Samples();
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < PER_ROUND; i++) {
                long t0 = System.nanoTime();
                engineSession(phases.values().toArray(Samples[]::new));
                engine.add(System.nanoTime() - t0);
            }
            for (int i = 0; i < PER_ROUND; i++) {
                long t0 = System.nanoTime();
                opensslSession();
                openssl.add(System.nanoTime() - t0);
            }
        }
        return new Result(engine, openssl, phases);
    }

    /** One session; the time of each phase goes to {@code phases} (entries may be null: not recorded). */
    private void engineSession(Samples[] phases) throws SessionException {
        Stopwatch watch = new Stopwatch(phases);
        try (SmtpSession session = client.connect(target)) {
            expect(session.readReply(), 220);
            watch.lap();
            expect(session.command("EHLO " + HELO), 250);
            watch.lap();
            expect(session.command("STARTTLS"), 220);
            watch.lap();
            session.startTls();
            watch.lap();
            expect(session.command("EHLO " + HELO), 250);
            watch.lap();
            expect(session.command("QUIT"), 221);
            watch.lap();
            session.expectClose(CLOSE_WAIT);
            watch.lap();
        }
    }

    private static final class Stopwatch {
        private final Samples[] phases;
        private int next;
        private long last = System.nanoTime();

        Stopwatch(Samples[] phases) {
            this.phases = phases;
        }

        void lap() {
            long now = System.nanoTime();
            if (phases[next] != null) {
                phases[next].add(now - last);
            }
            next++;
            last = now;
        }
    }

    /** s_client sends its own EHLO and STARTTLS; the EHLO and QUIT inside TLS come from its standard input. */
    private void opensslSession() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("openssl", "s_client", "-starttls", "smtp", "-name", HELO,
                "-connect", target.host() + ":" + target.port(), "-CAfile", caPem.toString(), "-verify_return_error",
                "-quiet", "-crlf"))
                .redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(("EHLO " + HELO + "\nQUIT\n").getBytes(StandardCharsets.US_ASCII));
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(OPENSSL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0
                || !new String(output, StandardCharsets.US_ASCII).contains("221")) {
            process.destroyForcibly();
            throw new IOException("openssl s_client session with " + target + " failed: "
                    + new String(output, StandardCharsets.US_ASCII).strip());
        }
    }

    private static void expect(Reply reply, int code) throws SessionException {
        if (reply.code() != code) {
            throw new SessionException("expected " + code + " but got " + reply.code() + " " + reply.text());
        }
    }
}

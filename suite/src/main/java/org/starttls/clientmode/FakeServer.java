package org.starttls.clientmode;

import java.time.Duration;
import org.starttls.clientmode.Scenario.Play;
import org.starttls.fixtures.pki.Credential;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions.Mode;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.summary.Profile;

/**
 * The fake server of one client case: the reference server ({@link ReferenceServer}) playing a {@link Scenario} on a
 * free loopback port, recording every connection. One per case, closed when the case is judged.
 */
final class FakeServer implements AutoCloseable {

    /** A client that has stopped sending is given this long before its connections are taken as over. */
    private static final Duration IDLE = Duration.ofSeconds(30);

    private final ReferenceServer server;
    private final Recording recording;

    private FakeServer(ReferenceServer server, Recording recording) {
        this.server = server;
        this.recording = recording;
    }

    /** Starts a server playing {@code scenario} to a client of {@code profile}. */
    static FakeServer start(Scenario scenario, Profile profile, ServerKit kit) {
        Play play = scenario.play();
        Credential credential = kit.credential(play.certificate);
        Recording recording = new Recording();
        ServerOptions options = ServerOptions.builder(credential)
                .mode(mode(play, profile))
                .hostname(ServerKit.SERVER_NAME)
                .auth(ServerKit.USER, kit.password())
                .idleTimeout(IDLE)
                .behaviour(new ScenarioBehaviour(play, credential, recording))
                .build();
        return new FakeServer(ReferenceServer.start(options), recording);
    }

    /**
     * Cleartext open doors and a plaintext "implicit" port accept mail in cleartext (a public MX's mode); implicit-TLS
     * clients get TLS from the first byte; everyone else a server that requires STARTTLS.
     */
    private static Mode mode(Play play, Profile profile) {
        if (play.plaintextPort || play.cleartextOpen) {
            return Mode.OFFER_TLS;
        }
        return profile == Profile.IMPLICIT_TLS ? Mode.IMPLICIT_TLS : Mode.REQUIRE_TLS;
    }

    int port() {
        return server.port();
    }

    Recording recording() {
        return recording;
    }

    @Override
    public void close() {
        server.close();
    }
}

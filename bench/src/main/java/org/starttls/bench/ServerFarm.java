package org.starttls.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.starttls.fixtures.pki.TestPki;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions;
import org.starttls.fixtures.server.ServerOptions.Mode;
import org.starttls.fixtures.zoo.Variant;

/**
 * The targets of the scale benchmark, in a JVM of their own so that the benchmark's figures are the suite's alone:
 * N servers on loopback, the reference server in its three modes and the zoo's rule variants in turn, server i on
 * 127.1.x.y (its own host, so that shards can split them) and a free port. Prints one targets-file line per server
 * ({@code host:port profile}), then {@code ready}, and serves until its standard input closes.
 *
 * <p>Arguments: the number of servers, the file to write the test CA's PEM to.
 */
public final class ServerFarm {

    private ServerFarm() {
    }

    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(args[0]);
        TestPki pki = TestPki.create();
        pki.writeCaPem(Path.of(args[1]));
        List<Function<InetSocketAddress, ServerOptions>> kinds = new ArrayList<>();
        for (Mode mode : Mode.values()) {
            kinds.add(bind -> ServerOptions.builder(pki.server()).mode(mode).bind(bind).build());
        }
        Arrays.stream(Variant.values()).filter(v -> !v.kills().testsRobustness())
                .forEach(v -> kinds.add(bind -> v.options(pki).bind(bind).build()));
        List<ReferenceServer> servers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            InetSocketAddress bind = new InetSocketAddress("127.1." + (i / 200) + "." + (i % 200 + 1), 0);
            ReferenceServer server = ReferenceServer.start(kinds.get(i % kinds.size()).apply(bind));
            servers.add(server);
            System.out.println(server.target() + " " + server.options().mode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the benchmark closes our standard input
        }
        servers.forEach(ReferenceServer::close);
    }
}

package org.starttls.many;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.starttls.fixtures.server.ReferenceServer;
import org.starttls.fixtures.server.ServerOptions;

/**
 * Servers on several loopback addresses (127.0.0.1, 127.0.0.2, ::1) that all listen on one port, as the MX hosts of a
 * domain all listen on port 25: the run tests MX addresses on {@code smtp.mx.port}. The port is the one the first
 * server was given; when another address has it taken, all start again on a new one.
 */
final class SamePortServers implements AutoCloseable {

    private static final int ATTEMPTS = 20;

    private final int port;
    private final Map<String, ReferenceServer> servers;

    private SamePortServers(int port, Map<String, ReferenceServer> servers) {
        this.port = port;
        this.servers = servers;
    }

    /** One server per address, each with the options {@code options} gives for its address and port. */
    static SamePortServers start(List<String> addresses, Function<InetSocketAddress, ServerOptions> options) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<ReferenceServer> started = new ArrayList<>();
            try {
                Map<String, ReferenceServer> byAddress = new LinkedHashMap<>();
                int port = 0;
                for (String address : addresses) {
                    ReferenceServer server = ReferenceServer.start(options.apply(new InetSocketAddress(address(address), port)));
                    started.add(server);
                    port = server.port();
                    byAddress.put(address, server);
                }
                return new SamePortServers(port, byAddress);
            } catch (RuntimeException e) {
                // the port is taken at one of the other addresses: start again on another
                started.forEach(ReferenceServer::close);
                last = e;
            }
        }
        throw new IllegalStateException("no common free port on " + addresses + " in " + ATTEMPTS + " attempts", last);
    }

    int port() {
        return port;
    }

    ReferenceServer at(String address) {
        return servers.get(address);
    }

    /** {@code 127.0.0.1:PORT} or {@code [::1]:PORT}. */
    String target(String address) {
        return servers.get(address).target();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    @Override
    public void close() {
        servers.values().forEach(ReferenceServer::close);
    }
}

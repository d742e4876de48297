package org.starttls.run;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.starttls.client.Target;
import org.starttls.targets.Hosts;

/**
 * The address each target's host stands for, looked up once before the run so that the run knows which targets share
 * a server address (they share its politeness limits) and which are on loopback. An address literal is itself; a name
 * is asked of the system's resolver, all names at once, each within {@code timeout}. A name that does not resolve in
 * time has no address here: the run then counts it as a server of its own, and its sessions find out the rest.
 */
final class Addresses {

    private Addresses() {
    }

    /** By {@link Hosts#key(Target)}: the first address of each target's host, if it has one in time. */
    static Map<String, Optional<InetAddress>> resolve(Collection<Target> targets, Duration timeout) {
        Map<String, CompletableFuture<Optional<InetAddress>>> lookups = new LinkedHashMap<>();
        ExecutorService lookupThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "smtp-lookup");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Target target : targets) {
                Optional<InetAddress> literal = Hosts.address(target.host());
                lookups.put(Hosts.key(target), literal.isPresent() ? CompletableFuture.completedFuture(literal)
                        : CompletableFuture.supplyAsync(() -> lookUp(target.host()), lookupThreads));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<String, Optional<InetAddress>> addresses = new LinkedHashMap<>();
            lookups.forEach((key, lookup) -> addresses.put(key, await(lookup, deadline)));
            return addresses;
        } finally {
            lookupThreads.shutdownNow();
        }
    }

    private static Optional<InetAddress> lookUp(String host) {
        try {
            return Optional.of(InetAddress.getByName(host));
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> await(CompletableFuture<Optional<InetAddress>> lookup, long deadline) {
        try {
            return lookup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return Optional.empty();
        }
    }
}

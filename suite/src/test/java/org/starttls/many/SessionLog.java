package org.starttls.many;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.starttls.fixtures.server.Behaviour;
import org.starttls.fixtures.server.ReferenceServer;

/**
 * The reference server's behaviour, with every connection written down as the server sees it: the client's address,
 * when the server accepted it, and when the server wrote its last SMTP reply on it. Every reply of the reference
 * server is one the suite reads before it ends the session, so each connection's {@code [accepted, lastReply]} lies
 * within the time the client held its politeness permit: counting these intervals can only undercount the client's
 * sessions, never overcount them, however late the server notices that a client went away.
 */
final class SessionLog extends Behaviour {

    /** One connection as the server saw it; times from {@link System#nanoTime()}. */
    record Connection(String client, long acceptedNanos, long lastReplyNanos) {
    }

    private final List<Handler> connections = new CopyOnWriteArrayList<>();

    @Override
    protected void decorate(ChannelPipeline pipeline) {
        Handler handler = new Handler();
        connections.add(handler);
        pipeline.addBefore(ReferenceServer.SESSION, "session-log", handler);
    }

    /** Every connection so far, by acceptance. */
    List<Connection> connections() {
        return connections.stream().filter(h -> h.accepted != 0)
                .map(h -> new Connection(h.client, h.accepted, Math.max(h.accepted, h.lastReply)))
                .sorted(Comparator.comparingLong(Connection::acceptedNanos)).toList();
    }

    /** The most connections from one client that the server had open at once. */
    static int maxConcurrent(List<Connection> connections) {
        List<long[]> events = new ArrayList<>();
        for (Connection c : connections) {
            events.add(new long[] {c.acceptedNanos(), 1});
            events.add(new long[] {c.lastReplyNanos(), -1});
        }
        // at equal times an end comes before a start: the intervals are closed at the start, open at the end
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int open = 0;
        int max = 0;
        for (long[] e : events) {
            open += (int) e[1];
            max = Math.max(max, open);
        }
        return max;
    }

    /** The most connections the server accepted within any {@code window}: [t, t + window). */
    static int maxStartsWithin(List<Connection> connections, Duration window) {
        int max = 0;
        for (int i = 0; i < connections.size(); i++) {
            long end = connections.get(i).acceptedNanos() + window.toNanos();
            int n = 0;
            for (int j = i; j < connections.size() && connections.get(j).acceptedNanos() < end; j++) {
                n++;
            }
            max = Math.max(max, n);
        }
        return max;
    }

    /** Connections accepted per {@code step}, from the first: the server's view of the run over time. */
    static List<Integer> startsPer(List<Connection> connections, Duration step) {
        List<Integer> counts = new ArrayList<>();
        if (connections.isEmpty()) {
            return counts;
        }
        long first = connections.get(0).acceptedNanos();
        for (Connection c : connections) {
            int slot = (int) ((c.acceptedNanos() - first) / step.toNanos());
            while (counts.size() <= slot) {
                counts.add(0);
            }
            counts.set(slot, counts.get(slot) + 1);
        }
        return counts;
    }

    private static final class Handler extends ChannelDuplexHandler {
        volatile String client;
        volatile long accepted;
        volatile long lastReply;

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            accepted = System.nanoTime();
            client = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
            super.channelActive(ctx);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            lastReply = System.nanoTime();
            super.write(ctx, msg, promise);
        }
    }
}

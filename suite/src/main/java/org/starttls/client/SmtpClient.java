package org.starttls.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;

/**
 * The scripted client of one run: one event loop group and one TLS context shared by all sessions,
 * which may be opened concurrently from any number of worker threads.
 */
public final class SmtpClient implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(1);

    private final ClientSettings settings;
    private final ClientTls tls;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    /** The JDK resolver blocks for as long as the system's resolver likes; lookups run here, awaited within the connect timeout. */
    private final ExecutorService resolver;
    private final SessionGate gate;
    /** Only the client that created the event loop and the resolver closes them; its views do not. */
    private final boolean owner;
    /** TCP connections established per target, for the run's summary: what the target saw of this run (views share it). */
    private final Map<Target, AtomicInteger> connections;

    public SmtpClient(ClientSettings settings) {
        this.settings = settings;
        try {
            this.tls = new ClientTls(settings.trust(), settings.replyTimeout());
        } catch (GeneralSecurityException | SSLException e) {
            throw new IllegalStateException("cannot set up TLS with " + settings.trust().describe() + ": " + e.getMessage(), e);
        }
        // Daemon threads: a run that forgets close() must still be able to exit.
        this.group = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("smtp-client", true),
                NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true);
        this.resolver = Executors.newCachedThreadPool(new DefaultThreadFactory("smtp-resolver", true));
        this.gate = SessionGate.OPEN;
        this.owner = true;
        this.connections = new ConcurrentHashMap<>();
    }

    private SmtpClient(SmtpClient base, ClientSettings settings, SessionGate gate) {
        this.settings = settings;
        this.tls = base.tls;
        this.group = base.group;
        this.bootstrap = base.bootstrap;
        this.resolver = base.resolver;
        this.gate = gate;
        this.owner = false;
        this.connections = base.connections;
    }

    public ClientSettings settings() {
        return settings;
    }

    /** How many TCP connections this client has established to {@code target} so far (every session and probe). */
    public int connectionsTo(Target target) {
        AtomicInteger n = connections.get(target);
        return n == null ? 0 : n.get();
    }

    /**
     * A view of this client whose connections first pass {@code newGate}; it shares the event loop, the TLS context and
     * the resolver, and closing it closes nothing.
     */
    public SmtpClient withGate(SessionGate newGate) {
        return new SmtpClient(this, settings, newGate);
    }

    /**
     * A view of this client that accepts certificates naming any of {@code names} and sends the first as SNI (see
     * {@link #withGate}).
     */
    public SmtpClient withServerNames(List<String> names) {
        return new SmtpClient(this, settings.withServerNames(names), gate);
    }

    /** A plain TCP connection; the greeting is the first reply to read. */
    public SmtpSession connect(Target target) throws SessionException {
        return open(target, false);
    }

    /** A connection that starts with the TLS handshake before any SMTP byte (RFC 8314 §3.3). */
    public SmtpSession connectImplicitTls(Target target) throws SessionException {
        SmtpSession session = open(target, true);
        session.awaitImplicitTls();
        return session;
    }

    @Override
    public void close() {
        if (!owner) {
            return;
        }
        resolver.shutdownNow();
        group.shutdownGracefully(0, GRACE.toMillis(), TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Tries each address of the target in turn, all within one connect timeout. */
    private SmtpSession open(Target target, boolean implicitTls) throws SessionException {
        Transcript transcript = new Transcript();
        transcript.event("connecting to " + target + (implicitTls ? " with implicit TLS" : ""));
        Optional<String> sni = settings.sniName(target);
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        InetAddress[] addresses = resolve(target);
        ConnectFailedException failure = null;
        for (InetAddress address : addresses) {
            InetSocketAddress socketAddress = new InetSocketAddress(address, target.port());
            long admitting = System.nanoTime();
            SessionGate.Admission admission = gate.admit(socketAddress, target);
            // waiting for the gate is the run's politeness, not the server's slowness
            deadline += System.nanoTime() - admitting;
            Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
            if (remaining.isNegative() || remaining.isZero()) {
                admission.close();
                break;
            }
            try {
                return attempt(target, socketAddress, remaining, implicitTls, transcript, sni, admission);
            } catch (ConnectFailedException e) {
                admission.close();
                transcript.event(e.getMessage());
                failure = e;
            } catch (SessionException | RuntimeException e) {
                admission.close();
                throw e;
            }
        }
        // the lookup may have used up the whole connect timeout before any attempt
        throw failure != null ? failure : timedOut(target, settings.connectTimeout(), null);
    }

    /** Connects; once connected, the admission is closed when the connection ends. */
    private SmtpSession attempt(Target target, InetSocketAddress address, Duration timeout, boolean implicitTls,
                                Transcript transcript, Optional<String> sni, SessionGate.Admission admission)
            throws SessionException {
        ReplyDecoder decoder = new ReplyDecoder(settings.maxLineOctets(), settings.maxReplyLines());
        SessionHandler handler = new SessionHandler(transcript);
        // kept here: a connection that closes during the handshake empties its pipeline, and the handshake's outcome
        // (plaintext instead of a ServerHello, say) must still be read from it
        AtomicReference<SslHandler> implicitHandler = new AtomicReference<>();
        ChannelFuture connected = bootstrap.clone()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (implicitTls) {
                            implicitHandler.set(tls.newHandler(ch.alloc(), sni));
                            ch.pipeline().addLast("tls", implicitHandler.get());
                        }
                        ch.pipeline().addLast("stamp", handler.readStamp()).addLast("replies", decoder)
                                .addLast("session", handler);
                    }
                })
                .connect(address);
        if (!Waiting.await(connected, timeout.plus(GRACE), "the connection to " + target)) {
            connected.channel().close();
            throw timedOut(target, settings.connectTimeout(), null);
        }
        if (!connected.isSuccess()) {
            throw connectFailure(target, address, settings.connectTimeout(), connected.cause());
        }
        connections.computeIfAbsent(target, t -> new AtomicInteger()).incrementAndGet();
        connected.channel().closeFuture().addListener(closed -> admission.close());
        return new SmtpSession(connected.channel(), decoder, handler, transcript, tls, settings.replyTimeout(), sni,
                Optional.ofNullable(implicitHandler.get()));
    }

    /**
     * The first address of each target's host, all looked up at once within one connect timeout, as a connection looks
     * them up: empty for a host that does not resolve in that time. The run asks before its first connection, to know
     * which targets share a server address (and its politeness limits) and which are on loopback.
     */
    public Map<Target, Optional<InetAddress>> addresses(Collection<Target> targets) {
        Map<Target, Future<InetAddress[]>> lookups = new LinkedHashMap<>();
        targets.forEach(target -> lookups.computeIfAbsent(target, this::lookUp));
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        Map<Target, Optional<InetAddress>> addresses = new LinkedHashMap<>();
        lookups.forEach((target, lookup) -> {
            Optional<InetAddress> first = Optional.empty();
            try {
                first = Optional.of(lookup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)[0]);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                lookup.cancel(true);
            }
            addresses.put(target, first);
        });
        return addresses;
    }

    private Future<InetAddress[]> lookUp(Target target) {
        return resolver.submit(() -> InetAddress.getAllByName(target.host()));
    }

    /** Looks the host up within the connect timeout, which the lookup's time then counts against. */
    private InetAddress[] resolve(Target target) throws SessionException {
        Future<InetAddress[]> lookup = lookUp(target);
        try {
            return lookup.get(settings.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new ConnectFailedException(ConnectFailedException.Reason.UNRESOLVABLE,
                    "cannot resolve host '" + target.host() + "' of target " + target, e.getCause());
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new ConnectFailedException(ConnectFailedException.Reason.UNRESOLVABLE, "no answer for host '"
                    + target.host() + "' of target " + target + " within " + Durations.human(settings.connectTimeout())
                    + " (connect timeout)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException("interrupted while resolving " + target.host(), e);
        }
    }

    private static ConnectFailedException connectFailure(Target target, InetSocketAddress address, Duration timeout,
                                                         Throwable cause) {
        String where = target + " (" + address.getAddress().getHostAddress() + ")";
        if (cause instanceof ConnectTimeoutException) {
            return timedOut(target, timeout, cause);
        }
        if (cause instanceof ConnectException) {
            return new ConnectFailedException(ConnectFailedException.Reason.REFUSED,
                    "connection refused by " + where, cause);
        }
        return new ConnectFailedException(ConnectFailedException.Reason.OTHER,
                "cannot connect to " + where + ": " + Failures.describe(cause), cause);
    }

    private static ConnectFailedException timedOut(Target target, Duration timeout, Throwable cause) {
        return new ConnectFailedException(ConnectFailedException.Reason.TIMEOUT,
                "no TCP connection to " + target + " within " + Durations.human(timeout) + " (connect timeout)", cause);
    }
}

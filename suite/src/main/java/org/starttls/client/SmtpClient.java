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
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private final ExecutorService resolver = Executors.newCachedThreadPool(new DefaultThreadFactory("smtp-resolver", true));

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
    }

    public ClientSettings settings() {
        return settings;
    }

    /** A plain TCP connection; the greeting is the first reply to read. */
    public SmtpSession connect(Target target) throws SessionException {
        return open(target, false);
    }

    /** A connection that starts with the TLS handshake before any SMTP byte (RFC 8314 §3.3). */
    public SmtpSession connectImplicitTls(Target target) throws SessionException {
        return open(target, true);
    }

    @Override
    public void close() {
        resolver.shutdownNow();
        group.shutdownGracefully(0, GRACE.toMillis(), TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Tries each address of the target in turn, all within one connect timeout. */
    private SmtpSession open(Target target, boolean implicitTls) throws SessionException {
        Transcript transcript = new Transcript();
        transcript.event("connecting to " + target + (implicitTls ? " with implicit TLS" : ""));
        Optional<String> sni = ClientTls.sniName(settings.serverName().orElse(target.host()));
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        InetAddress[] addresses = resolve(target);
        ConnectFailedException failure = null;
        for (InetAddress address : addresses) {
            Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
            if (remaining.isNegative() || remaining.isZero()) {
                break;
            }
            try {
                return attempt(target, new InetSocketAddress(address, target.port()), remaining, implicitTls, transcript, sni);
            } catch (ConnectFailedException e) {
                transcript.event(e.getMessage());
                failure = e;
            }
        }
        // the lookup may have used up the whole connect timeout before any attempt
        throw failure != null ? failure : timedOut(target, settings.connectTimeout(), null);
    }

    private SmtpSession attempt(Target target, InetSocketAddress address, Duration timeout, boolean implicitTls,
                                Transcript transcript, Optional<String> sni) throws SessionException {
        ReplyDecoder decoder = new ReplyDecoder(settings.maxLineOctets(), settings.maxReplyLines());
        SessionHandler handler = new SessionHandler(transcript);
        SslHandler[] implicit = new SslHandler[1];
        ChannelFuture connected = bootstrap.clone()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (implicitTls) {
                            implicit[0] = tls.newHandler(ch.alloc(), sni);
                            ch.pipeline().addLast("tls", implicit[0]);
                        }
                        ch.pipeline().addLast("replies", decoder).addLast("session", handler);
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
        SmtpSession session = new SmtpSession(connected.channel(), decoder, handler, transcript, tls,
                settings.replyTimeout(), sni);
        if (implicitTls) {
            session.awaitImplicitTls(implicit[0]);
        }
        return session;
    }

    /** Looks the host up within the connect timeout, which the lookup's time then counts against. */
    private InetAddress[] resolve(Target target) throws SessionException {
        Future<InetAddress[]> lookup = resolver.submit(() -> InetAddress.getAllByName(target.host()));
        try {
            return lookup.get(settings.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new ConnectFailedException(ConnectFailedException.Reason.UNRESOLVABLE,
                    "cannot resolve host '" + target.host() + "' of target " + target, e.getCause());
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new ConnectFailedException(ConnectFailedException.Reason.UNRESOLVABLE, "no answer for host '"
                    + target.host() + "' of target " + target + " within " + Waiting.human(settings.connectTimeout())
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
                "no TCP connection to " + target + " within " + Waiting.human(timeout) + " (connect timeout)", cause);
    }
}

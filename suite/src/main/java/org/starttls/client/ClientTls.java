package org.starttls.client;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.NetUtil;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** The client's one TLS context and the per-connection handlers made from it. */
final class ClientTls {

    private final SslContext context;
    private final Duration handshakeTimeout;

    ClientTls(TrustConfig trust, Duration handshakeTimeout) throws GeneralSecurityException, SSLException {
        // JDK provider: the recording trust manager relies on JDK SSLEngine handshake sessions.
        // No endpoint identification: the chain check must judge the chain alone, never abort.
        this.context = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .trustManager(new RecordingTrustManager(trust))
                .endpointIdentificationAlgorithm(null)
                .build();
        this.handshakeTimeout = handshakeTimeout;
    }

    /** The name to send as SNI: only DNS names qualify (RFC 6066 §3), never IP literals. */
    static Optional<String> sniName(String serverName) {
        String name = serverName.endsWith(".") ? serverName.substring(0, serverName.length() - 1) : serverName;
        if (name.isEmpty() || NetUtil.isValidIpV4Address(name) || NetUtil.isValidIpV6Address(name)) {
            return Optional.empty();
        }
        try {
            new SNIHostName(name);
            return Optional.of(name);
        } catch (IllegalArgumentException notAHostName) {
            return Optional.empty();
        }
    }

    /**
     * A client handler with {@code startTls=false}: it sends the ClientHello as soon as it is in an
     * active pipeline. Peer host and port are deliberately not given to the engine, so every
     * handshake is a full one that shows the chain (no resumption from a session cache).
     */
    SslHandler newHandler(ByteBufAllocator alloc, Optional<String> sni) {
        SSLEngine engine = context.newEngine(alloc);
        sni.ifPresent(name -> {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(name)));
            engine.setSSLParameters(parameters);
        });
        SslHandler handler = new SslHandler(engine, false);
        handler.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
        return handler;
    }

    static TlsFacts facts(SslHandler handler, Optional<String> sni) {
        SSLSession session = handler.engine().getSession();
        return new TlsFacts(session.getProtocol(), session.getCipherSuite(), peerChain(session),
                RecordingTrustManager.chainProblem(session), sni);
    }

    private static List<X509Certificate> peerChain(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return Arrays.stream(chain).filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).toList();
        } catch (SSLPeerUnverifiedException anonymous) {
            return List.of();
        }
    }
}

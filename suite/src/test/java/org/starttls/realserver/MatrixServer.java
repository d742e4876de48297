package org.starttls.realserver;

import java.util.List;
import org.starttls.fixtures.realservers.AiosmtpdServerKind;
import org.starttls.fixtures.realservers.EximServerKind;
import org.starttls.fixtures.realservers.HarakaKind;
import org.starttls.fixtures.realservers.PostfixServerKind;
import org.starttls.fixtures.realservers.RealServerKind;
import org.starttls.fixtures.realservers.SmtpServerJsKind;
import org.starttls.fixtures.realservers.SubEthaSmtpKind;

/**
 * One implementation of the real-server matrix: how to start it, and how many sessions the suite may hold against
 * one of its listeners at a time ({@code smtp.concurrency}), with the limits of the implementation that number
 * respects. Every listener of every server is run at the same time, so a server's limits must hold for the sum of
 * its listeners that share them.
 *
 * @param limits the implementation's connection and error limits that matter to a conformance run, one sentence
 */
record MatrixServer(RealServerKind kind, int concurrency, String limits) {

    /** The matrix, in the README's order. */
    static final List<MatrixServer> ALL = List.of(
            new MatrixServer(new PostfixServerKind(), 4, "about 100 smtpd processes per listener; 127.0.0.0/8 is in "
                    + "mynetworks, so anvil's per-client limits do not apply; from the 11th error in a session each reply "
                    + "waits 1 s (smtpd_soft_error_limit 10), the 21st gets 421 (smtpd_hard_error_limit 20)"),
            new MatrixServer(new EximServerKind(), 4, "smtp_accept_max 20 connections per daemon (the offer-tls and "
                    + "implicit-tls listeners share one daemon: at most 8 here); the 4th syntax or protocol error in a "
                    + "session gets 421 and the connection is closed (smtp_max_synprot_errors 3)"),
            new MatrixServer(new AiosmtpdServerKind(), 4, "no connection or error limit (one asyncio task per session)"),
            new MatrixServer(new SmtpServerJsKind(), 4, "no connection limit (maxClients unset); the 10th command without "
                    + "AUTH in a session gets 421 where AUTH is required (maxAllowedUnauthenticatedCommands 10), the 10th "
                    + "unknown command 421 everywhere"),
            new MatrixServer(new HarakaKind(), 4, "no connection or error limit in the stock connection.ini"),
            new MatrixServer(new SubEthaSmtpKind(), 4, "1000 connections (maxConnections); no error limit"));

    /** The directory of its data files and its log tag: {@code postfix}, {@code smtp-server}. */
    String slug() {
        return RealServersExtension.tag(kind.name());
    }

    static List<RealServerKind> kinds() {
        return ALL.stream().map(MatrixServer::kind).toList();
    }
}

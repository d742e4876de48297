package org.starttls.targets;

import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * One name and type asked of the configured resolvers, with retries, CNAME chasing and a deadline; the outcome is a
 * value, never an exception. A server that answers SERVFAIL or REFUSED is not asked again, the next one is; a server
 * that does not answer is asked again in the next round, up to {@link DnsSettings#attempts()} rounds.
 */
final class DnsLookup {

    /** How a lookup ended. */
    enum Kind {
        /** Records of the asked type. */
        FOUND,
        /** The name exists but has no record of the type. */
        NODATA,
        NXDOMAIN, SERVFAIL, REFUSED,
        /** Another rcode (FORMERR, NOTIMP, ...). */
        RCODE,
        /** No server answered in time. */
        TIMEOUT,
        /** No server could be reached, or the answers could not be read. */
        NETWORK,
        CNAME_LOOP, CNAME_TOO_LONG,
        /** The domain's budget ran out before an answer. */
        BUDGET
    }

    /**
     * @param kind      how it ended
     * @param name      the name asked for
     * @param type      the type asked for
     * @param records   the records of {@code type}, when found
     * @param aliases   the CNAMEs followed, from the name asked to the last alias
     * @param canonical the name the records belong to (the name asked, or the end of the CNAME chain)
     * @param detail    the rcode's or the error's text, for messages
     */
    record Result(Kind kind, Name name, int type, List<Record> records, List<Name> aliases, Name canonical, String detail) {
        boolean failed() {
            return kind != Kind.FOUND && kind != Kind.NODATA;
        }
    }

    private final DnsSettings settings;
    private final List<SimpleResolver> resolvers = new ArrayList<>();

    DnsLookup(DnsSettings settings) {
        this.settings = settings;
        for (InetSocketAddress server : settings.servers()) {
            SimpleResolver resolver = new SimpleResolver(server);
            resolver.setTimeout(settings.timeout());
            resolvers.add(resolver);
        }
    }

    /** Looks up {@code type} records of {@code name}, following CNAMEs; gives up at {@code deadlineNanos}. */
    Result lookup(Name name, int type, long deadlineNanos) {
        List<Name> aliases = new ArrayList<>();
        Set<Name> seen = new LinkedHashSet<>();
        seen.add(name);
        Name current = name;
        while (true) {
            Answer answer = ask(current, type, deadlineNanos);
            if (answer.message.isEmpty()) {
                return new Result(answer.kind, name, type, List.of(), aliases, current, answer.detail);
            }
            Message message = answer.message.get();
            // the answer may hold the CNAME chain and the records at its end, as a recursive resolver sends them
            Name owner = current;
            while (true) {
                List<Record> found = records(message, owner, type);
                if (!found.isEmpty()) {
                    return new Result(Kind.FOUND, name, type, found, aliases, owner, "");
                }
                Optional<Name> target = records(message, owner, Type.CNAME).stream().findFirst()
                        .map(r -> ((CNAMERecord) r).getTarget());
                if (target.isEmpty()) {
                    break;
                }
                aliases.add(owner);
                if (!seen.add(target.get())) {
                    return new Result(Kind.CNAME_LOOP, name, type, List.of(), aliases, target.get(), "");
                }
                if (aliases.size() > settings.maxCnameHops()) {
                    return new Result(Kind.CNAME_TOO_LONG, name, type, List.of(), aliases, target.get(), "");
                }
                owner = target.get();
            }
            if (message.getRcode() == Rcode.NXDOMAIN) {
                return new Result(Kind.NXDOMAIN, name, type, List.of(), aliases, owner, "NXDOMAIN");
            }
            if (owner.equals(current)) {
                return new Result(Kind.NODATA, name, type, List.of(), aliases, owner, "");
            }
            // the answer stops at an alias: ask for its target ourselves
            current = owner;
        }
    }

    private static List<Record> records(Message message, Name owner, int type) {
        return message.getSection(Section.ANSWER).stream()
                .filter(r -> r.getType() == type && r.getName().equals(owner)).toList();
    }

    private record Answer(Optional<Message> message, Kind kind, String detail) {
    }

    private Answer ask(Name name, int type, long deadlineNanos) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        Answer last = new Answer(Optional.empty(), Kind.BUDGET, "");
        for (int round = 0; round < settings.attempts(); round++) {
            boolean unanswered = false;
            for (SimpleResolver resolver : resolvers) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return new Answer(Optional.empty(), Kind.BUDGET, "");
                }
                last = send(resolver, query, Math.min(left, settings.timeout().toNanos()));
                if (last.message.isPresent()) {
                    int rcode = last.message.get().getRcode();
                    if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
                        return last;
                    }
                    Kind kind = rcode == Rcode.SERVFAIL ? Kind.SERVFAIL : rcode == Rcode.REFUSED ? Kind.REFUSED : Kind.RCODE;
                    last = new Answer(Optional.empty(), kind, Rcode.string(rcode));
                } else {
                    unanswered = true;
                }
            }
            if (!unanswered) {
                // every server answered with an error: asking again gives the same answer
                return last;
            }
        }
        return last;
    }

    private static Answer send(SimpleResolver resolver, Message query, long waitNanos) {
        CompletableFuture<Message> future = resolver.sendAsync(query).toCompletableFuture();
        try {
            return new Answer(Optional.of(future.get(waitNanos, TimeUnit.NANOSECONDS)), Kind.FOUND, "");
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Answer(Optional.empty(), Kind.TIMEOUT, "");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            boolean timeout = cause instanceof TimeoutException || cause instanceof SocketTimeoutException
                    || cause instanceof InterruptedIOException
                    || cause != null && cause.getCause() instanceof TimeoutException;
            return new Answer(Optional.empty(), timeout ? Kind.TIMEOUT : Kind.NETWORK,
                    cause == null ? e.toString() : String.valueOf(cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return new Answer(Optional.empty(), Kind.BUDGET, "interrupted");
        }
    }
}

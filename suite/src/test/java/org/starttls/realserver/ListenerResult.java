package org.starttls.realserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.starttls.cases.ConformanceCase;
import org.starttls.fixtures.realservers.RealServer;
import org.starttls.summary.Profile;
import org.starttls.summary.Summary;

/**
 * What one listener of one real server got from a whole-catalogue run, with what the README and the HTML report say
 * about it.
 *
 * @param configuration the listener's configuration in the implementation's terms, one line
 */
record ListenerResult(MatrixServer server, String version, Profile profile, String configuration,
                      Summary.TargetSummary summary) {

    static ListenerResult of(MatrixServer server, RealServer running, Profile profile, Summary.TargetSummary summary) {
        return new ListenerResult(server, running.version(), profile, running.configuration(profile.propertyValue()),
                summary);
    }

    /** {@code Exim 4.96}. */
    String serverName() {
        return server.kind().name() + " " + version;
    }

    /** {@code Exim 4.96 require-tls}: the target's name in the combined HTML report. */
    String label() {
        return serverName() + " " + profile;
    }

    /** The data file of this listener, read against {@code catalogue}. */
    VerdictFile verdictFile(List<ConformanceCase> catalogue) {
        try {
            return VerdictFile.read(VerdictFile.of(server.slug(), profile.propertyValue()), catalogue);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

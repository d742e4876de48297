package org.starttls.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.starttls.summary.ExitCode;
import org.starttls.summary.Summary;
import org.starttls.summary.Verdict;

/**
 * The run as JUnit XML in Surefire's format, one file per run ({@code TEST-smtp-starttls.xml}): a {@code testsuite}
 * per target, a {@code testcase} per case ({@code classname} = the requirement id, {@code name} = the case name).
 *
 * <p>JUnit XML knows only passed, failure, error and skipped, and every CI paints failure and error red. So that the CI's
 * test tab tells the same story as the exit code, red means exactly what the gate counts: a FAIL at or above the gate
 * level is a {@code failure}; an INCONCLUSIVE case of a target that could not be evaluated is an {@code error} with the
 * target's error (exit code 2). Everything else the gate does not count is {@code skipped} with its verdict first in
 * the message, visible but not red: a FAIL below the gate ("FAIL (SHOULD), not gated by smtp.gate=MUST: ..."),
 * INCONCLUSIVE and NOT_APPLICABLE. The testsuite's properties carry the gate level, the profile, the numbers of
 * requirements and cases, and the verdict of every requirement ({@code verdict.<id>}). A run refused for its
 * configuration is one {@code testsuite} "configuration" with one {@code error} carrying the reason.
 */
public final class JUnitXml {

    public static final String FILE_NAME = "TEST-smtp-starttls.xml";

    private JUnitXml() {
    }

    public static Path write(Summary summary, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "SMTP STARTTLS conformance");
            if (summary.targets().isEmpty() && !summary.gate().reasons().isEmpty()) {
                withoutTarget(xml, summary);
            }
            for (Summary.TargetSummary t : summary.targets()) {
                testsuite(xml, summary, t);
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static void testsuite(XMLStreamWriter xml, Summary summary, Summary.TargetSummary t) throws XMLStreamException {
        List<Summary.RequirementResult> results = t.results();
        long tests = t.cases();
        long failures = 0;
        long errors = 0;
        long skipped = 0;
        for (Summary.RequirementResult r : results) {
            for (Summary.CaseSummary c : r.cases()) {
                switch (kind(summary, t, r, c)) {
                    case "failure" -> failures++;
                    case "error" -> errors++;
                    case "skipped" -> skipped++;
                    default -> { }
                }
            }
        }
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", t.target());
        xml.writeAttribute("tests", String.valueOf(tests));
        xml.writeAttribute("failures", String.valueOf(failures));
        xml.writeAttribute("errors", String.valueOf(errors));
        xml.writeAttribute("skipped", String.valueOf(skipped));
        xml.writeAttribute("time", seconds(t.durationMillis()));
        if (summary.startedAt() != null) {
            xml.writeAttribute("timestamp", summary.startedAt());
        }
        xml.writeCharacters("\n    ");
        xml.writeStartElement("properties");
        property(xml, "smtp.gate", summary.gate().level().name());
        property(xml, "smtp.profile", t.profile().propertyValue());
        property(xml, "requirements", String.valueOf(results.size()));
        property(xml, "cases", String.valueOf(tests));
        for (Summary.RequirementResult r : results) {
            property(xml, "verdict." + r.id(), r.verdict().name());
        }
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
        for (Summary.RequirementResult r : results) {
            for (Summary.CaseSummary c : r.cases()) {
                testcase(xml, summary, t, r, c);
            }
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void testcase(XMLStreamWriter xml, Summary summary, Summary.TargetSummary t, Summary.RequirementResult r,
                                 Summary.CaseSummary c) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", clean(c.name()));
        xml.writeAttribute("classname", r.id());
        xml.writeAttribute("time", seconds(c.durationMillis()));
        String kind = kind(summary, t, r, c);
        String finding = (c.command() != null && c.got() != null ? c.command() + " → " + c.got() + ". " : "") + c.detail();
        switch (kind) {
            case "failure" -> element(xml, "failure", r.level().keyword() + " FAIL: " + finding, r.level().keyword(),
                    finding + "\n\nHow to fix: " + r.fixHint() + "\n\n" + nullToEmpty(c.transcript()));
            case "error" -> element(xml, "error", "not evaluated: " + t.error(), "NOT_EVALUATED", t.error());
            case "skipped" -> {
                String message = c.verdict() == Verdict.FAIL
                        ? "FAIL (" + r.level().keyword() + "), not gated by smtp.gate=" + summary.gate().level() + ": " + finding
                        : c.verdict().name() + ": " + c.detail();
                xml.writeStartElement("skipped");
                xml.writeAttribute("message", clean(message));
                xml.writeEndElement();
            }
            default -> { }
        }
        if (c.transcript() != null && !c.transcript().isEmpty() && !kind.equals("failure")) {
            xml.writeStartElement("system-out");
            xml.writeCData(clean(c.transcript()).replace("]]>", "]]]]><![CDATA[>"));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    /** passed, failure, error or skipped, as the gate counts the case (see the class comment). */
    static String kind(Summary summary, Summary.TargetSummary t, Summary.RequirementResult r, Summary.CaseSummary c) {
        if (t.error() != null && c.verdict() == Verdict.INCONCLUSIVE) {
            return "error";
        }
        return switch (c.verdict()) {
            case PASS -> "passed";
            case FAIL -> summary.gate().level().blocks(r.level()) ? "failure" : "skipped";
            case INCONCLUSIVE, NOT_APPLICABLE -> "skipped";
        };
    }

    /**
     * The gate's reasons when no target carries them: a refused run (configuration error), or domains whose MX hosts
     * could not be resolved (not evaluated). An empty run that passed has no reasons and writes nothing here.
     */
    private static void withoutTarget(XMLStreamWriter xml, Summary summary) throws XMLStreamException {
        ExitCode exit = summary.gate().exit();
        String what = exit == ExitCode.CONFIGURATION_ERROR ? "configuration" : "not evaluated";
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", what);
        xml.writeAttribute("tests", "1");
        xml.writeAttribute("failures", "0");
        xml.writeAttribute("errors", "1");
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", "0");
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", what);
        xml.writeAttribute("classname", "smtp-starttls");
        xml.writeAttribute("time", "0");
        String reason = String.join("\n", summary.gate().reasons());
        element(xml, "error", (exit == ExitCode.CONFIGURATION_ERROR ? "configuration error: " : "not evaluated: ") + reason,
                exit.name(), reason);
        xml.writeEndElement();
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String message, String type, String text)
            throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeAttribute("message", clean(message));
        xml.writeAttribute("type", type);
        xml.writeCharacters(clean(nullToEmpty(text)));
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n      ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** XML 1.0 cannot carry most control characters, which a hostile server's reply may contain. */
    static String clean(String s) {
        return s.replaceAll("[^\\x09\\x0A\\x0D\\x20-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]", "\uFFFD");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

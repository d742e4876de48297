package org.starttls.junit;

import io.qameta.allure.Allure;
import io.qameta.allure.model.Status;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.starttls.catalogue.Requirement;
import org.starttls.run.CaseResult;
import org.starttls.run.StepRecord;
import org.starttls.run.Verdict;

/**
 * Puts one case's evidence on the Allure test that is running: the labels that group it (epic = RFC, feature =
 * section, story and {@code requirement} = the id, severity from the level; suites target → RFC → section), the RFC
 * link and quote, one step per script line, and the scenario, transcript and server certificate as attachments.
 * Called from the dynamic test body because the verdicts were computed concurrently before the test ran.
 */
final class AllureEvidence {

    private static final String TEXT = "text/plain";

    private AllureEvidence() {
    }

    static void record(String target, CaseResult r) {
        Requirement q = r.requirement();
        String section = "§" + q.section() + " " + q.sectionTitle();
        Allure.epic(q.rfcName());
        Allure.feature(section);
        Allure.story(q.id());
        Allure.label("requirement", q.id());
        Allure.label("severity", q.level().allureSeverity());
        Allure.parameter("target", target);
        Allure.label("parentSuite", target);
        Allure.label("suite", q.rfcName());
        Allure.label("subSuite", section);
        Allure.link(q.rfcName() + " §" + q.section(), q.link().toString());
        Allure.description(q.quote());
        for (StepRecord s : r.steps()) {
            String message = s.message() == null || s.message().isBlank() ? "" : " — " + s.message();
            Allure.step("line " + s.line() + ": " + s.source() + message, Status.valueOf(s.status().name()));
        }
        Allure.addAttachment("scenario " + r.caseName(), TEXT, r.source(), ".smtp");
        if (!r.transcript().isEmpty()) {
            Allure.addAttachment("transcript", TEXT, r.transcript(), ".txt");
        }
        r.tls().filter(tls -> !tls.peerChain().isEmpty())
                .ifPresent(tls -> Allure.addAttachment("server certificate", "application/x-pem-file",
                        pem(tls.peerChain().get(0)), ".pem"));
        if (r.verdict() == Verdict.FAIL) {
            Allure.addAttachment("how to fix", TEXT, q.fixHint(), ".txt");
        }
    }

    private static String pem(X509Certificate certificate) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}

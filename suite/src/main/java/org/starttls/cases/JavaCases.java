package org.starttls.cases;

import java.util.ArrayList;
import java.util.List;
import org.starttls.cases.tls.TlsCases;
import org.starttls.run.ConformanceCase;

/** Every case written in Java, next to the scenario scripts; the runner takes both. */
public final class JavaCases {

    private JavaCases() {
    }

    public static List<ConformanceCase> all() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.addAll(BeforeTls.cases());
        cases.add(new StartTlsCases.Ready());
        cases.add(new StartTlsCases.NoPlaintextAfter220());
        cases.add(new StartTlsCases.PublicMxAcceptsCleartext());
        cases.add(new StartTlsCases.InsufficientSecurity());
        cases.add(new ResetCases.ForgetsEhlo());
        cases.add(new ResetCases.ForgetsAuth());
        cases.add(new ResetCases.PipelinedPlaintext("NOOP", "NOOP"));
        cases.add(new ResetCases.PipelinedPlaintext("EHLO", "EHLO ${helo}"));
        cases.add(new ResetCases.PipelinedPlaintext("MAIL", "MAIL FROM:<${mail_from}>"));
        cases.add(new ResetCases.PipelinedPlaintext("RSET", "RSET"));
        cases.add(new ResetCases.No530InsideTls());
        cases.add(new ResetCases.EhloListRenewed());
        cases.addAll(ReplyFormat.cases());
        cases.add(new SessionRules.OneReplyPerCommand());
        cases.add(new SessionRules.BadSequence());
        cases.add(new SessionRules.Quit());
        cases.add(new SessionRules.OverlongCommand());
        cases.add(new SessionRules.PipelinedOrder());
        cases.add(new SessionRules.NoPlaintextMechanismsBeforeTls());
        cases.addAll(TlsCases.all());
        return List.copyOf(cases);
    }
}

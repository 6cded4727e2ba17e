package org.schsm.hsm;

import java.util.function.Function;
import org.schsm.Remedy;

/** Renders a {@link Diagnosis} as the text {@code schsm doctor} prints, each remedy said by the caller. */
public final class DiagnosisText {
    private DiagnosisText() {
    }

    public static String render(Diagnosis diagnosis, Function<? super Remedy, String> say) {
        StringBuilder sb = new StringBuilder();
        sb.append("Device: ").append(diagnosis.device()).append('\n');
        for (String fact : diagnosis.facts()) {
            sb.append("  ").append(fact).append('\n');
        }
        int n = diagnosis.findings().size();
        sb.append("Diagnosis: ").append(diagnosis.severity()).append(" (").append(n)
                .append(n == 1 ? " finding)" : " findings)").append('\n');
        for (Finding.Text finding : diagnosis.rendered(say).findings()) {
            sb.append('\n').append('[').append(finding.severity()).append("] ").append(finding.summary()).append('\n');
            sb.append("  ").append(finding.explanation()).append('\n');
            if (!finding.commands().isEmpty()) {
                sb.append("  Run:\n");
                finding.commands().forEach(c -> sb.append("    ").append(c).append('\n'));
            }
            if (!finding.doNot().isEmpty()) {
                sb.append("  Do not:\n");
                finding.doNot().forEach(d -> sb.append("    - ").append(d).append('\n'));
            }
            if (!finding.dependsOnDevice().isEmpty()) {
                sb.append("  Depends on the device (not documented for every SmartCard-HSM):\n");
                finding.dependsOnDevice().forEach(d -> sb.append("    - ").append(d).append('\n'));
            }
        }
        return sb.toString();
    }
}

package org.schsm.hsm;

import java.util.List;
import java.util.Optional;

/**
 * What the {@link Doctor} found: the device, the facts read (as lines), and the findings in order
 * of importance. Plain data; {@link DiagnosisText} renders it.
 */
public record Diagnosis(String device, List<String> facts, List<Finding> findings) {
    public Diagnosis {
        facts = List.copyOf(facts);
        findings = List.copyOf(findings);
    }

    /** The most severe finding's severity. */
    public Severity severity() {
        Severity worst = Severity.OK;
        for (Finding finding : findings) {
            if (finding.severity().compareTo(worst) > 0) {
                worst = finding.severity();
            }
        }
        return worst;
    }

    public Optional<Finding> finding(String code) {
        return findings.stream().filter(f -> f.code().equals(code)).findFirst();
    }

    /** Rendered with {@link DiagnosisText}. */
    public String toText() {
        return DiagnosisText.render(this);
    }
}

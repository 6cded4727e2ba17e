package org.schsm.hsm;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.schsm.Remedy;

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

    /** Rendered with {@link DiagnosisText}, the remedies in the toolkit's own words. */
    public String toText() {
        return toText(Remedy::plain);
    }

    /** Rendered with {@link DiagnosisText}, each remedy said by {@code say}. */
    public String toText(Function<? super Remedy, String> say) {
        return DiagnosisText.render(this, say);
    }

    /** The diagnosis as plain strings, each remedy said by {@code say}: what the CLI writes as JSON. */
    public Text rendered(Function<? super Remedy, String> say) {
        return new Text(device, facts, findings.stream().map(f -> f.rendered(say)).toList());
    }

    /** A {@link Diagnosis} as plain strings. */
    public record Text(String device, List<String> facts, List<Finding.Text> findings) {
    }
}

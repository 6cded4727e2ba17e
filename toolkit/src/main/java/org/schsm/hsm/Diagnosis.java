package org.schsm.hsm;

import java.util.List;

/** What {@link Doctor} found: the device in one line each, then the findings, most urgent first. */
public record Diagnosis(String card, boolean initialized, String userPin, String soPin, List<Finding> findings) {
    public Diagnosis {
        findings = List.copyOf(findings);
    }

    /** The most urgent severity among the findings. */
    public Severity severity() {
        return findings.stream().map(Finding::severity).max(Enum::compareTo).orElse(Severity.OK);
    }

    /** Findings whose title contains {@code text} (case-insensitive). */
    public List<Finding> find(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        return findings.stream().filter(f -> f.title().toLowerCase(java.util.Locale.ROOT).contains(t)).toList();
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(card).append(initialized ? ", initialized" : ", never initialized").append('\n');
        sb.append("  ").append(userPin).append('\n');
        sb.append("  ").append(soPin).append('\n');
        for (Finding f : findings) {
            sb.append('\n').append('[').append(f.severity()).append("] ").append(f.title()).append('\n');
            sb.append("  ").append(f.explanation()).append('\n');
            if (!f.commands().isEmpty()) {
                sb.append("  Do:\n");
                f.commands().forEach(c -> sb.append("    ").append(c).append('\n'));
            }
            if (!f.doNot().isEmpty()) {
                sb.append("  Do not:\n");
                f.doNot().forEach(c -> sb.append("    - ").append(c).append('\n'));
            }
        }
        return sb.toString();
    }
}

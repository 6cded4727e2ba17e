package org.schsm.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the runs of the same suites on several cards, case by case, against the first card
 * (the baseline). By default the cards are compared on what the suite asserts at each command
 * (its {@code sw:}, {@code data:} and {@code tlv:} expectations; not time, which differs by
 * nature): two cards whose FCPs have their own layouts do not differ where the suite only checks
 * the status word. With {@code statusWordsOnly}, every command's status word is compared. A case
 * differs when any step differs, when the cards were sent different commands or a different
 * number of them, or when its outcome differs; every differing step is listed, not only the first.
 */
public final class DifferentialReport {
    private final List<String> cards;
    private final Map<String, CaseDifference> differences;
    private final int comparedCases;

    /**
     * One command at which the cards' answers differ.
     *
     * @param step    1-based index of the command in the case (setup included)
     * @param answers per card, what it answered, on the compared aspects
     */
    public record StepDifference(int step, String command, List<String> answers) {
    }

    /**
     * @param steps    every differing step, in order
     * @param outcomes per card, its outcome, when the outcomes differ; else empty
     */
    public record CaseDifference(String suite, String name, List<StepDifference> steps, List<String> outcomes,
                                 List<String> cards) {
        /** {@code step 2 00 20 00 81: A 6A88 … / B 63C3 …; outcome differs: A passed / B failed (…)}. */
        public String summary() {
            List<String> parts = new ArrayList<>();
            for (StepDifference s : steps) {
                parts.add("step " + s.step() + " " + s.command() + ": " + joined(s.answers()));
            }
            if (!outcomes.isEmpty()) {
                parts.add("outcome differs: " + joined(outcomes));
            }
            return String.join("; ", parts);
        }

        private static String joined(List<String> answers) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < answers.size(); i++) {
                parts.add(label(i) + " " + answers.get(i));
            }
            return String.join(" / ", parts);
        }

        public List<String> detailLines() {
            List<String> lines = new ArrayList<>();
            for (StepDifference s : steps) {
                lines.add("step " + s.step() + " " + s.command() + ":");
                for (int i = 0; i < s.answers().size(); i++) {
                    lines.add("  " + label(i) + " = " + cards.get(i) + ": " + s.answers().get(i));
                }
            }
            if (!outcomes.isEmpty()) {
                lines.add("outcome:");
                for (int i = 0; i < outcomes.size(); i++) {
                    lines.add("  " + label(i) + " = " + cards.get(i) + ": " + outcomes.get(i));
                }
            }
            return lines;
        }
    }

    private DifferentialReport(List<String> cards, Map<String, CaseDifference> differences, int comparedCases) {
        this.cards = cards;
        this.differences = differences;
        this.comparedCases = comparedCases;
    }

    static String label(int index) {
        return String.valueOf((char) ('A' + Math.min(index, 25)));
    }

    public static DifferentialReport compare(List<RunResult> runs, boolean statusWordsOnly) {
        List<String> cards = runs.stream().map(RunResult::card).toList();
        Map<String, CaseDifference> out = new LinkedHashMap<>();
        RunResult baseline = runs.get(0);
        List<Map<String, CaseResult>> indexed = new ArrayList<>();
        for (RunResult run : runs) {
            Map<String, CaseResult> m = new LinkedHashMap<>();
            run.cases().forEach(c -> m.put(key(c.suite(), c.name()), c));
            indexed.add(m);
        }
        int compared = 0;
        for (CaseResult base : baseline.cases()) {
            String key = key(base.suite(), base.name());
            List<CaseResult> all = new ArrayList<>();
            for (Map<String, CaseResult> m : indexed) {
                all.add(m.get(key));
            }
            compared++;
            CaseDifference d = compareCase(base, all, cards, statusWordsOnly);
            if (d != null) {
                out.put(key, d);
            }
        }
        return new DifferentialReport(cards, out, compared);
    }

    private static CaseDifference compareCase(CaseResult base, List<CaseResult> all, List<String> cards,
                                              boolean statusWordsOnly) {
        int longest = 0;
        for (CaseResult c : all) {
            longest = Math.max(longest, c == null ? 0 : c.exchanges().size());
        }
        List<StepDifference> steps = new ArrayList<>();
        for (int step = 0; step < longest; step++) {
            Exchange first = exchangeAt(all.get(0), step);
            boolean same = first != null;
            for (int i = 1; i < all.size() && same; i++) {
                Exchange other = exchangeAt(all.get(i), step);
                same = other != null && first.shown().equals(other.shown())
                        && first.asserted(statusWordsOnly).equals(other.asserted(statusWordsOnly));
            }
            if (same) {
                continue;
            }
            String command = first != null ? first.shown() : "";
            List<String> answers = new ArrayList<>();
            for (CaseResult c : all) {
                Exchange e = exchangeAt(c, step);
                if (e == null) {
                    answers.add(c == null ? "(case not run)" : "(no APDU: case " + outcome(c) + ")");
                    continue;
                }
                if (command.isEmpty()) {
                    command = e.shown();
                }
                List<String> asserted = e.asserted(statusWordsOnly);
                String answer = asserted.isEmpty() ? e.response().statusWord().toString() : String.join(", ", asserted);
                answers.add((e.shown().equals(command) ? "" : "[sent " + e.shown() + "] ") + answer);
            }
            steps.add(new StepDifference(step + 1, command, answers));
        }
        boolean sameOutcome = all.stream().allMatch(c -> c != null && c.status() == base.status());
        List<String> outcomes = sameOutcome ? List.of()
                : all.stream().map(c -> c == null ? "(case not run)" : outcome(c)).toList();
        if (steps.isEmpty() && outcomes.isEmpty()) {
            return null;
        }
        return new CaseDifference(base.suite(), base.name(), steps, outcomes, cards);
    }

    private static String outcome(CaseResult c) {
        String s = c.status().name().toLowerCase(java.util.Locale.ROOT);
        return c.message().isEmpty() ? s : s + " (" + c.message() + ")";
    }

    private static Exchange exchangeAt(CaseResult c, int step) {
        return c == null || step >= c.exchanges().size() ? null : c.exchanges().get(step);
    }

    private static String key(String suite, String name) {
        return suite + "\u0000" + name;
    }

    public List<String> cards() {
        return cards;
    }

    public CaseDifference find(String suite, String name) {
        return differences.get(key(suite, name));
    }

    public List<CaseDifference> differences() {
        return List.copyOf(differences.values());
    }

    public int comparedCases() {
        return comparedCases;
    }

    private String[] row(String name, String step, String command, List<String> answers) {
        String[] row = new String[3 + cards.size()];
        row[0] = name;
        row[1] = step;
        row[2] = command;
        for (int i = 0; i < cards.size(); i++) {
            row[3 + i] = i < answers.size() ? answers.get(i) : "";
        }
        return row;
    }

    /** The table printed in the terminal: one row per differing step (and outcome), one column per card. */
    public List<String> table(int cellWidth) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < cards.size(); i++) {
            lines.add("  " + label(i) + " = " + cards.get(i) + (i == 0 ? " (baseline)" : ""));
        }
        if (differences.isEmpty()) {
            lines.add("  no differences in " + comparedCases + " cases");
            return lines;
        }
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[3 + cards.size()];
        header[0] = "case";
        header[1] = "step";
        header[2] = "command";
        for (int i = 0; i < cards.size(); i++) {
            header[3 + i] = label(i);
        }
        rows.add(header);
        for (CaseDifference d : differences.values()) {
            // One row per differing step; the case is named on its first row only.
            String name = d.suite() + " / " + d.name();
            for (StepDifference s : d.steps()) {
                rows.add(row(name, Integer.toString(s.step()), s.command(), s.answers()));
                name = "";
            }
            if (!d.outcomes().isEmpty()) {
                rows.add(row(name, "-", "(outcome)", d.outcomes()));
            }
        }
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.min(cellWidth, Math.max(widths[i], row[i].length()));
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder sb = new StringBuilder("  ");
            for (int i = 0; i < widths.length; i++) {
                String cell = rows.get(r)[i];
                if (cell.length() > widths[i]) {
                    cell = cell.substring(0, widths[i] - 1) + "…";
                }
                sb.append(cell).append(" ".repeat(widths[i] - cell.length()));
                if (i < widths.length - 1) {
                    sb.append(" | ");
                }
            }
            lines.add(sb.toString().stripTrailing());
            if (r == 0) {
                StringBuilder rule = new StringBuilder("  ");
                for (int i = 0; i < widths.length; i++) {
                    rule.append("-".repeat(widths[i])).append(i < widths.length - 1 ? "-+-" : "");
                }
                lines.add(rule.toString());
            }
        }
        return lines;
    }
}

package org.schsm.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the runs of the same suites on several cards, case by case, against the first card
 * (the baseline). A case differs when its outcome differs, when the cards were sent a different
 * number of APDUs, or at the first APDU whose status word (and, unless only status words are
 * compared, data) differs.
 */
public final class DifferentialReport {
    private final List<String> cards;
    private final Map<String, CaseDifference> differences;
    private final int comparedCases;

    /**
     * @param step    1-based index of the first differing APDU in the case (setup included), 0 when
     *                only the outcome differs
     * @param answers per card, what it answered at that step (or its outcome)
     */
    public record CaseDifference(String suite, String name, int step, String command, List<String> answers,
                                 List<String> cards) {
        public String summary() {
            if (step == 0) {
                return "outcome differs: " + joined();
            }
            return "step " + step + " " + command + ": " + joined();
        }

        private String joined() {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < answers.size(); i++) {
                parts.add(label(i) + " " + answers.get(i));
            }
            return String.join(" / ", parts);
        }

        public List<String> detailLines() {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < answers.size(); i++) {
                lines.add(label(i) + " = " + cards.get(i) + ": " + answers.get(i));
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
        for (int step = 0; step < longest; step++) {
            Exchange first = exchangeAt(all.get(0), step);
            boolean same = true;
            for (int i = 1; i < all.size() && same; i++) {
                Exchange other = exchangeAt(all.get(i), step);
                same = first != null && other != null && first.shown().equals(other.shown())
                        && first.sameAnswer(other, statusWordsOnly);
            }
            if (!same) {
                List<String> answers = new ArrayList<>();
                String command = first != null ? first.shown() : "";
                int dataFrom = firstDataDifference(all, step);
                for (CaseResult c : all) {
                    Exchange e = exchangeAt(c, step);
                    if (e == null) {
                        answers.add(c == null ? "(case not run)" : "(no APDU: case " + outcome(c) + ")");
                    } else {
                        if (command.isEmpty()) {
                            command = e.shown();
                        }
                        answers.add((e.shown().equals(command) ? "" : "[sent " + e.shown() + "] ") + answer(e, dataFrom));
                    }
                }
                return new CaseDifference(base.suite(), base.name(), step + 1, command, answers, cards);
            }
        }
        boolean sameOutcome = all.stream().allMatch(c -> c != null && c.status() == base.status());
        if (!sameOutcome) {
            List<String> answers = all.stream().map(c -> c == null ? "(case not run)" : outcome(c)).toList();
            return new CaseDifference(base.suite(), base.name(), 0, "", answers, cards);
        }
        return null;
    }

    /**
     * When every card answered the same status word to the same command, the offset of the first
     * data byte that differs (so the table shows the difference, not a common prefix), else -1.
     */
    private static int firstDataDifference(List<CaseResult> all, int step) {
        Exchange first = exchangeAt(all.get(0), step);
        if (first == null) {
            return -1;
        }
        byte[] base = first.response().data();
        int from = Integer.MAX_VALUE;
        for (CaseResult c : all) {
            Exchange e = exchangeAt(c, step);
            if (e == null || e.response().sw() != first.response().sw() || !e.shown().equals(first.shown())) {
                return -1;
            }
            byte[] data = e.response().data();
            int i = 0;
            while (i < base.length && i < data.length && base[i] == data[i]) {
                i++;
            }
            if (i < Math.max(base.length, data.length)) {
                from = Math.min(from, i);
            }
        }
        return from == Integer.MAX_VALUE ? -1 : from;
    }

    private static String answer(Exchange e, int dataFrom) {
        if (dataFrom < 0) {
            return e.response().toString();
        }
        byte[] data = e.response().data();
        byte[] rest = dataFrom >= data.length ? new byte[0] : java.util.Arrays.copyOfRange(data, dataFrom, data.length);
        return "data from byte " + dataFrom + ": " + (rest.length == 0 ? "(ends)" : org.schsm.apdu.Hex.spaced(rest))
                + " " + e.response().statusWord();
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

    /** The table printed in the terminal: one row per differing case, one column per card. */
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
            String[] row = new String[3 + cards.size()];
            row[0] = d.suite() + " / " + d.name();
            row[1] = d.step() == 0 ? "-" : Integer.toString(d.step());
            row[2] = d.step() == 0 ? "(outcome)" : d.command();
            for (int i = 0; i < cards.size(); i++) {
                row[3 + i] = i < d.answers().size() ? d.answers().get(i) : "";
            }
            rows.add(row);
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

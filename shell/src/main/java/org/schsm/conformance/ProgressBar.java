package org.schsm.conformance;

import java.io.PrintWriter;

/**
 * {@code [#########-----------]  45/120  43 passed, 1 failed, 1 skipped} redrawn in place with
 * {@code \r}, for terminals only; failures are printed as they happen above the bar.
 */
final class ProgressBar implements RunListener {
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean draw;
    private int total;
    private int done;
    private int passed;
    private int failed;
    private int skipped;
    private int lastLength;

    ProgressBar(PrintWriter out, boolean draw) {
        this.out = out;
        this.draw = draw;
    }

    @Override
    public void started(String card, int totalCases) {
        total = totalCases;
        done = 0;
        passed = 0;
        failed = 0;
        skipped = 0;
        if (draw) {
            out.println("running " + totalCases + " cases on " + card);
            redraw();
        }
    }

    @Override
    public void caseFinished(CaseResult result) {
        done++;
        switch (result.status()) {
            case PASSED -> passed++;
            case SKIPPED -> skipped++;
            default -> failed++;
        }
        if (result.failed()) {
            clear();
            out.println((result.status() == CaseResult.Status.ERROR ? "ERROR " : "FAIL  ")
                    + result.suite() + " / " + result.name() + ": " + result.message());
        }
        redraw();
    }

    @Override
    public void finished(RunResult result) {
        clear();
        out.flush();
    }

    private void redraw() {
        if (!draw) {
            return;
        }
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        String line = "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + done + "/" + total + "  "
                + passed + " passed, " + failed + " failed, " + skipped + " skipped";
        out.print("\r" + line);
        lastLength = line.length();
        out.flush();
    }

    private void clear() {
        if (draw && lastLength > 0) {
            out.print("\r" + " ".repeat(lastLength) + "\r");
            lastLength = 0;
        }
    }
}

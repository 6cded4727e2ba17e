package org.schsm.conformance;

import java.util.ArrayList;
import java.util.List;
import org.schsm.InvalidInputException;
import org.schsm.SchsmException;
import org.schsm.errors.SafeErrorText;
import org.schsm.transport.TransportException;
import org.schsm.transport.UnsendableCommandException;

/**
 * Runs suites on one card. For each selected case: every setup, the case body, then every
 * teardown (also after a failure); the first unmet expectation ends the case. A lost card ends
 * the run: the case is an error, the rest are skipped. A command the transport cannot send as it
 * is ({@link UnsendableCommandException}, nothing sent) skips only its own case.
 */
public final class SuiteRunner {
    private final RunOptions options;
    private final RunListener listener;

    public SuiteRunner(RunOptions options, RunListener listener) {
        this.options = options;
        this.listener = listener == null ? RunListener.NONE : listener;
    }

    public RunResult run(List<Suite> suites, org.schsm.transport.CardTransport card, String cardLabel) {
        int total = 0;
        for (Suite suite : suites) {
            for (TestCase c : suite.cases()) {
                if (options.selects(suite, c)) {
                    total++;
                }
            }
        }
        listener.started(cardLabel, total);
        CaseContext.ApduCache cache = new CaseContext.ApduCache();
        List<CaseResult> results = new ArrayList<>(total);
        String stopReason = null;
        boolean cardLost = false;
        for (Suite suite : suites) {
            for (TestCase testCase : suite.cases()) {
                if (!options.selects(suite, testCase)) {
                    continue;
                }
                CaseResult result;
                if (stopReason != null) {
                    result = new CaseResult(suite.name(), testCase.name(), testCase.reference(),
                            CaseResult.Status.SKIPPED, stopReason, "", List.of(), List.of(), 0);
                } else {
                    Outcome outcome = runCase(suite, testCase, new CaseContext(card, cache));
                    result = outcome.result;
                    if (outcome.cardLost) {
                        cardLost = true;
                        stopReason = "not run: the card was lost (" + result.message() + ")";
                    } else if (options.failFast() && result.failed()) {
                        stopReason = "not run: --fail-fast stopped after '" + suite.name() + " / " + testCase.name() + "' failed";
                    }
                }
                results.add(result);
                listener.caseFinished(result);
            }
        }
        RunResult run = new RunResult(cardLabel, results, cardLost);
        listener.finished(run);
        return run;
    }

    private record Outcome(CaseResult result, boolean cardLost) {
    }

    private Outcome runCase(Suite suite, TestCase testCase, CaseContext ctx) {
        long start = System.nanoTime();
        CaseResult.Status status = CaseResult.Status.PASSED;
        String message = "";
        boolean cardLost = false;
        String phase = "setup";
        try {
            ctx.phase(phase);
            for (CaseBody setup : suite.setups()) {
                setup.run(ctx);
            }
            phase = "case";
            ctx.phase(phase);
            long bodyStart = System.nanoTime();
            testCase.body().run(ctx);
            long bodyNanos = System.nanoTime() - bodyStart;
            if (ctx.budget() != null && bodyNanos > ctx.budget().toNanos()) {
                status = CaseResult.Status.FAILED;
                message = "took " + TimeExpectation.millis(bodyNanos) + ", over its time budget of "
                        + TimeExpectation.millis(ctx.budget().toNanos());
            }
        } catch (CaseSkippedException e) {
            status = CaseResult.Status.SKIPPED;
            message = e.getMessage();
        } catch (ExpectationFailedException e) {
            status = CaseResult.Status.FAILED;
            message = where(phase) + e.getMessage();
        } catch (AssertionError e) {
            // Groovy's power assertion draws a diagram over several lines: first line here, all in the notes.
            status = CaseResult.Status.FAILED;
            // masked like every Groovy error: the diagram quotes the values it shows
            String text = e.getMessage() == null ? "assertion failed" : SafeErrorText.message(e).strip();
            message = where(phase) + text.lines().findFirst().orElse("assertion failed");
            if (text.contains("\n")) {
                ctx.note(text);
            }
        } catch (UnsendableCommandException e) {
            // The platform cannot put these bytes on the wire and sent nothing: the card never saw
            // the case, so it is skipped, with the reason, and the run goes on.
            status = CaseResult.Status.SKIPPED;
            message = where(phase) + "not sendable here: " + e.getMessage();
        } catch (TransportException e) {
            status = CaseResult.Status.ERROR;
            message = where(phase) + "card lost: " + e.getMessage();
            cardLost = true;
        } catch (InvalidInputException e) {
            status = CaseResult.Status.ERROR;
            message = where(phase) + "suite error: " + e.getMessage();
        } catch (SchsmException e) {
            // A typed refusal from the hsm API (wrong PIN, blocked, ...) is the card's answer.
            status = CaseResult.Status.FAILED;
            message = where(phase) + e.getMessage();
        } catch (Exception e) {
            // Groovy errors (missing method or property) and anything else the suite code threw.
            status = CaseResult.Status.ERROR;
            // Groovy errors quote argument values (a PIN among them): only the masked text is reported.
            message = where(phase) + "suite error: " + e.getClass().getSimpleName() + ": "
                    + oneLine(SafeErrorText.message(e));
        }
        if (!cardLost) {
            String teardownFailure = teardown(suite, ctx);
            if (teardownFailure != null && status == CaseResult.Status.PASSED) {
                status = teardownFailure.startsWith("card lost") ? CaseResult.Status.ERROR : CaseResult.Status.FAILED;
                message = "in teardown: " + teardownFailure;
                cardLost = teardownFailure.startsWith("card lost");
            } else if (teardownFailure != null) {
                ctx.note("teardown also failed: " + teardownFailure);
            }
        }
        CaseResult result = new CaseResult(suite.name(), testCase.name(), testCase.reference(), status, message,
                ctx.description(), ctx.notes(), ctx.exchanges(), System.nanoTime() - start);
        return new Outcome(result, cardLost);
    }

    /** Runs every teardown even if one fails; answers the first failure, or null. */
    private static String teardown(Suite suite, CaseContext ctx) {
        ctx.phase("teardown");
        String first = null;
        for (CaseBody teardown : suite.teardowns()) {
            try {
                teardown.run(ctx);
            } catch (TransportException e) {
                return "card lost: " + e.getMessage();
            } catch (Exception | AssertionError e) {
                if (first == null) {
                    first = oneLine(SafeErrorText.message(e));
                }
            }
        }
        return first;
    }

    private static String where(String phase) {
        return "case".equals(phase) ? "" : "in " + phase + ": ";
    }

    /** Groovy's power assertions span lines; reports want the first line plus the rest joined. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        return text.strip().replaceAll("\\s*\\R\\s*", " | ");
    }
}

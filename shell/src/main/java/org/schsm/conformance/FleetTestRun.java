package org.schsm.conformance;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.schsm.InvalidInputException;
import org.schsm.session.CardConnector;
import org.schsm.session.CardOptions;
import org.schsm.session.CardSession;
import org.schsm.session.DeviceRuns;
import org.schsm.session.ReaderSet;
import org.schsm.transport.ReaderInfo;
import org.schsm.transport.Readers;
import org.schsm.transport.TraceFormat;
import org.schsm.transport.TransportException;

/**
 * {@code schsm test -r all --parallel N SUITE}: the suites on every device of a reader set, at
 * most N devices at a time, each on its own connection and runner. A progress line per device
 * when it is done; a device that cannot be opened is a run whose cases are all skipped with the
 * reason, marked lost, so the report still has its test suites and the run goes on.
 */
final class FleetTestRun {
    private FleetTestRun() {
    }

    static List<RunResult> run(List<Suite> suites, CardOptions options, int parallel, String spec, RunOptions runOptions,
                               boolean auto, PrintWriter out, PrintWriter err) {
        Readers readers = options.readers();
        List<ReaderInfo> devices = ReaderSet.resolve(readers, spec);
        return DeviceRuns.inParallel(devices, parallel,
                device -> runDevice(suites, readers, device, options, runOptions, auto, out, err));
    }

    private static RunResult runDevice(List<Suite> suites, Readers readers, ReaderInfo device, CardOptions options,
                                       RunOptions runOptions, boolean auto, PrintWriter out, PrintWriter err) {
        String label = device.isPcsc() ? device.name() : device.id();
        Consumer<String> trace = options.trace() ? TraceFormat.prefixed(label, line -> {
            synchronized (err) {
                err.println(line);
            }
        }) : null;
        long start = System.nanoTime();
        RunResult run;
        try (CardSession card = CardConnector.open(readers, device, err, auto, trace)) {
            run = new SuiteRunner(runOptions, RunListener.NONE).run(suites, card.transport(), label);
        } catch (TransportException | InvalidInputException e) {
            run = unreachable(suites, runOptions, label, e.getMessage());
        }
        String line = "[" + label + "] " + run.passed() + " passed, " + run.failed() + " failed, " + run.skipped()
                + " skipped" + (run.cardLost() ? ", card lost" : "")
                + String.format(" (%.1f s)", (System.nanoTime() - start) / 1e9);
        synchronized (out) {
            out.println(line);
            out.flush();
        }
        return run;
    }

    /** Every selected case skipped with the reason the device could not be opened. */
    private static RunResult unreachable(List<Suite> suites, RunOptions runOptions, String label, String reason) {
        List<CaseResult> cases = new ArrayList<>();
        for (Suite suite : suites) {
            for (TestCase c : suite.cases()) {
                if (runOptions.selects(suite, c)) {
                    cases.add(new CaseResult(suite.name(), c.name(), c.reference(), CaseResult.Status.SKIPPED,
                            "not run: " + reason, "", List.of(), List.of(), 0));
                }
            }
        }
        return new RunResult(label, cases, true);
    }
}

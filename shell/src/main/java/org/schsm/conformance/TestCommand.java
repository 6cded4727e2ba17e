package org.schsm.conformance;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.schsm.InvalidInputException;
import org.schsm.hsm.Pin;
import org.schsm.hsm.SoPin;
import org.schsm.secrets.SecretKind;
import org.schsm.session.CardConnector;
import org.schsm.session.CardOptions;
import org.schsm.session.CardSession;
import org.schsm.session.ExitCode;
import org.schsm.session.FleetOptions;
import org.schsm.session.PinSource;
import org.schsm.session.ReaderSet;
import org.schsm.transport.TraceFormat;
import org.schsm.transport.TransportException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code schsm test SUITE.groovy... | --replay TRACE}: runs conformance suites on one card, or on
 * several ({@code -r} given more than once) and reports where their answers differ.
 *
 * <p>Exit codes: 0 nothing failed (and, with several cards, no difference); 1 a case failed or
 * the cards differ; 2 a suite or the command line is wrong; 3 no card, or a card was lost.
 */
@Command(name = "test",
        description = {"Run conformance suites (Groovy) or replay an APDU trace against a card.",
                "With -r given several times, run on each card and report where their answers differ.",
                "Exit: 0 all passed, 1 a case failed or cards differ, 2 bad suite/usage, 3 no card."})
public final class TestCommand implements Callable<Integer> {
    /** --parallel, for a run over a reader set (FleetTestRun; test runs its sets itself). */
    @Mixin
    FleetOptions fleet;

    private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "SUITE", description = "Suite files (Groovy DSL, see docs/conformance.md).")
    List<Path> suiteFiles = new ArrayList<>();

    @Option(names = "--junit-xml", paramLabel = "FILE", description = "Write a JUnit XML report.")
    Path junitXml;

    @Option(names = "--filter", paramLabel = "TEXT",
            description = "Run only cases whose 'suite / case' or reference contains TEXT (case-insensitive).")
    String filter;

    @Option(names = "--fail-fast", description = "Stop at the first failed case; the rest are reported as skipped.")
    boolean failFast;

    @Option(names = "--replay", paramLabel = "TRACE",
            description = "Replay a trace recorded with 'schsm -v ...' (stderr) as one case.")
    Path replay;

    @Option(names = "--pin", paramLabel = "PIN",
            description = "For --replay: user PIN for redacted VERIFY commands: value, env:VAR or file:PATH.")
    @org.schsm.Secret
    String pin;

    @Option(names = "--so-pin", paramLabel = "HEX16",
            description = "For --replay: SO-PIN for redacted VERIFY commands: value, env:VAR or file:PATH.")
    @org.schsm.Secret
    String soPin;

    @Option(names = "--sw-only", description = "Compare status words only (replay and differential mode), not data.")
    boolean statusWordsOnly;

    @Option(names = "--get-response",
            description = "Complete 61xx/6Cxx automatically (GET RESPONSE, resend with Le) before checking expectations.")
    boolean getResponse;

    /**
     * Lets {@code -r} (inherited from the root) be given several times for this command only:
     * picocli then keeps every value in the parse result, and the last one in the root's field.
     */
    @Spec
    void spec(CommandSpec commandSpec) {
        this.spec = commandSpec;
        commandSpec.parser().overwrittenOptionsAllowed(true);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TraceReplay.Secrets secrets = TraceReplay.Secrets.NONE;
        try {
            boolean auto = getResponse;
            List<Suite> suites;
            if (replay != null) {
                if (!suiteFiles.isEmpty()) {
                    throw new InvalidInputException("give suite files or --replay TRACE, not both");
                }
                List<TraceReplay.Step> steps = TraceReplay.parse(readTrace(replay));
                secrets = secrets();
                suites = List.of(TraceReplay.suite(replay.getFileName().toString(), steps, secrets, statusWordsOnly));
                auto = !TraceReplay.recordedRaw(steps);
            } else {
                if (suiteFiles.isEmpty()) {
                    throw new InvalidInputException("no suite given: schsm test SUITE.groovy... or --replay TRACE");
                }
                suites = new ArrayList<>();
                for (Path file : suiteFiles) {
                    suites.addAll(SuiteLoader.load(file));
                }
            }
            return run(suites, auto, out, err);
        } catch (InvalidInputException e) {
            err.println("schsm test: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        } catch (TransportException e) {
            err.println("schsm test: " + e.getMessage());
            return ExitCode.NO_CARD;
        } catch (UncheckedIOException e) {
            err.println("schsm test: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        } finally {
            secrets.clear();
            out.flush();
            err.flush();
        }
    }

    private int run(List<Suite> suites, boolean auto, PrintWriter out, PrintWriter err) {
        CardOptions options = CardOptions.of(spec);
        List<String> readers = readers();
        RunOptions runOptions = new RunOptions(filter, failFast);
        ProgressBar progress = new ProgressBar(err, System.console() != null);
        SuiteRunner runner = new SuiteRunner(runOptions, progress);
        List<RunResult> runs = new ArrayList<>();
        if (readers.size() == 1 && ReaderSet.isSet(readers.get(0))) {
            runs = FleetTestRun.run(suites, options, FleetOptions.parallel(spec), readers.get(0), runOptions, auto, out, err);
            if (junitXml != null) {
                JUnitXmlReport.write(junitXml, runs, null);
            }
            return summary(runs, null, out, " on " + runs.size() + " devices");
        }
        if (readers.size() <= 1) {
            // One card is chosen as for every command: without -r the only reader with a card, else the simulator.
            String reader = readers.isEmpty() ? null : readers.get(0);
            try (CardSession card = CardConnector.open(options.withReader(reader), err, auto)) {
                runs.add(runner.run(suites, card.transport(), reader != null ? reader : card.description()));
            }
        } else {
            for (int i = 0; i < readers.size(); i++) {
                Consumer<String> trace = options.trace() ? TraceFormat.prefixed(DifferentialReport.label(i), err::println) : null;
                try (CardSession card = CardConnector.open(options.withReader(readers.get(i)), err, auto, trace)) {
                    runs.add(runner.run(suites, card.transport(), readers.get(i)));
                }
            }
        }
        DifferentialReport differences = runs.size() > 1 ? DifferentialReport.compare(runs, statusWordsOnly) : null;
        if (differences != null) {
            out.println("differential: " + differences.differences().size() + " of " + differences.comparedCases()
                    + " cases differ");
            differences.table(48).forEach(out::println);
        }
        if (junitXml != null) {
            JUnitXmlReport.write(junitXml, runs, differences);
        }
        return summary(runs, differences, out, "");
    }

    /** The summary line over every card and the exit code: lost card, bad suite, failure or difference, else 0. */
    private static int summary(List<RunResult> runs, DifferentialReport differences, PrintWriter out, String where) {
        long passed = runs.stream().mapToLong(RunResult::passed).sum();
        long failed = runs.stream().mapToLong(RunResult::failed).sum();
        long skipped = runs.stream().mapToLong(RunResult::skipped).sum();
        out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped" + where);
        if (runs.stream().anyMatch(RunResult::cardLost)) {
            return ExitCode.NO_CARD;
        }
        if (runs.stream().anyMatch(RunResult::suiteErrors)) {
            return ExitCode.BAD_INPUT;
        }
        boolean differ = differences != null && !differences.differences().isEmpty();
        return failed > 0 || differ ? ExitCode.CARD_REFUSED : ExitCode.OK;
    }

    /** Every value given to {@code -r}/{@code --reader}, before or after {@code test}, in order. */
    private List<String> readers() {
        List<String> all = new ArrayList<>();
        for (ParseResult pr = spec.root().commandLine().getParseResult(); pr != null; pr = pr.subcommand()) {
            OptionSpec option = pr.matchedOption("--reader");
            if (option != null) {
                all.addAll(option.originalStringValues());
            }
        }
        return all;
    }

    private static List<String> readTrace(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("trace file " + file + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read trace file " + file + ": " + e.getMessage());
        }
    }

    /** The PINs for redacted VERIFY commands, validated as PINs; the caller clears them. */
    private TraceReplay.Secrets secrets() {
        PinSource source = PinSource.system();
        byte[] user = null;
        byte[] so = null;
        if (pin != null) {
            char[] chars = source.resolve(pin, "user PIN", "--pin", SecretKind.USER_PIN);
            try {
                // Validation only: Pin keeps its bytes to itself; they are the ASCII codes of the characters.
                Pin.user(chars).clear();
                user = new byte[chars.length];
                for (int i = 0; i < chars.length; i++) {
                    user[i] = (byte) chars[i];
                }
            } finally {
                Arrays.fill(chars, '\0');
            }
        }
        if (soPin != null) {
            char[] chars = source.resolve(soPin, "SO-PIN", "--so-pin", SecretKind.SO_PIN);
            try {
                SoPin.fromHex(chars).clear();
                so = new byte[SoPin.LENGTH];
                for (int i = 0; i < chars.length; i++) {
                    so[i / 2] = (byte) ((so[i / 2] << 4) | Character.digit(chars[i], 16));
                }
            } finally {
                Arrays.fill(chars, '\0');
            }
        }
        return new TraceReplay.Secrets(user, so);
    }
}

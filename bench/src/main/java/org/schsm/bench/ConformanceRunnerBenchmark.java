package org.schsm.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.schsm.conformance.CaseBody;
import org.schsm.conformance.CaseResult;
import org.schsm.conformance.RunListener;
import org.schsm.conformance.RunOptions;
import org.schsm.conformance.RunResult;
import org.schsm.conformance.Suite;
import org.schsm.conformance.SuiteLoader;
import org.schsm.conformance.SuiteRunner;
import org.schsm.conformance.TestCase;
import org.schsm.simulator.SimulatorTransport;

/**
 * APDUs per second through the conformance runner (issue 9): a Groovy suite, compiled once in
 * the set-up, whose only case sends {@link #N} no-data VERIFY status queries with an SW-set
 * expectation, after a SELECT in the suite's setup, against {@code SimulatorTransport.withFreshCard()}.
 *
 * <p>One benchmark invocation is one {@code SuiteRunner.run} of the whole suite; with
 * {@code @OperationsPerInvocation(N)} the reported ops/s is already APDU/s (ops/s of a run x N;
 * the one SELECT per run is counted out). {@code -bm ss -wi 0 -i 1 -f 5 -tu us} gives the cold
 * cost per APDU of a first run in a new JVM instead (what {@code schsm test} sees).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConformanceRunnerBenchmark {
    /** VERIFY APDUs per case (per invocation). */
    static final int N = 10_000;

    static final String SUITE = """
            suite('bench') {
                setup { send '00 A4 04 00 0B E8 2B 06 01 04 01 81 C3 1F 02 01 00', sw: 0x9000 }
                testcase('verify status x %d') {
                    %d.times { send '00 20 00 81', sw: [0x6A88, '63CX'] }
                }
            }
            """.formatted(N, N);

    private static final String SELECT = "00 A4 04 00 0B E8 2B 06 01 04 01 81 C3 1F 02 01 00";
    private static final String VERIFY = "00 20 00 81";
    private static final byte[] VERIFY_BYTES = {0x00, 0x20, 0x00, (byte) 0x81};

    private List<Suite> suites;
    /** The same suite with Java bodies: the runner without Groovy dispatch (attribution only). */
    private List<Suite> javaSuites;
    private SimulatorTransport card;
    private SuiteRunner runner;
    private RunResult last;

    /** Compiles the suite; one SELECT only, so {@code -bm ss -wi 0} measures a cold first run. */
    @Setup(Level.Trial)
    public void setUp() {
        suites = SuiteLoader.parse(SUITE, "bench.groovy");
        card = SimulatorTransport.withFreshCard();
        // transportOnly needs the applet selected; the runner's suite setup selects it again anyway.
        card.transmit(new byte[] {0x00, (byte) 0xA4, 0x04, 0x00, 0x0B, (byte) 0xE8, 0x2B, 0x06, 0x01, 0x04, 0x01,
                (byte) 0x81, (byte) 0xC3, 0x1F, 0x02, 0x01, 0x00});
        runner = new SuiteRunner(RunOptions.DEFAULT, RunListener.NONE);
        Map<String, Object> swSet = Map.of("sw", List.of(0x6A88, "63CX"));
        CaseBody body = ctx -> {
            for (int i = 0; i < N; i++) {
                ctx.send(swSet, VERIFY);
            }
        };
        javaSuites = List.of(new Suite("bench", "java", List.of(ctx -> ctx.send(Map.of("sw", 0x9000), SELECT)), List.of(),
                List.of(new TestCase("verify status x " + N, "", body))));
    }

    /** Every run must have passed: a failing expectation would measure the failure path instead. */
    @TearDown(Level.Iteration)
    public void checkLastRun() {
        if (last != null) {
            check(last);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        card.close();
    }

    private static void check(RunResult result) {
        CaseResult c = result.cases().get(0);
        if (c.status() != CaseResult.Status.PASSED) {
            throw new IllegalStateException("bench suite did not pass: " + c.status() + " " + c.message());
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public RunResult runnerVerifyStatus() {
        last = runner.run(suites, card, "sim:fresh");
        return last;
    }

    /** Attribution: the runner and CaseContext.send with a Java body, no Groovy in the loop. */
    @Benchmark
    @OperationsPerInvocation(N)
    public RunResult runnerJavaBody() {
        last = runner.run(javaSuites, card, "sim:fresh");
        return last;
    }

    /** Attribution: the bare transport, same card, same APDU (what the runner adds its cost to). */
    @Benchmark
    @OperationsPerInvocation(N)
    public void transportOnly(Blackhole bh) {
        for (int i = 0; i < N; i++) {
            bh.consume(card.transmit(VERIFY_BYTES.clone()));
        }
    }
}

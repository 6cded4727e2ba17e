package org.schsm.bench;

import static org.schsm.bench.CardSetUp.INITIALIZE;
import static org.schsm.bench.CardSetUp.SELECT;
import static org.schsm.bench.CardSetUp.expect9000;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.schsm.apdu.Hex;
import org.schsm.simulator.PersistentCard;
import org.schsm.simulator.SimulatedCard;

/**
 * What "one holder, no free tries" (issue 14) costs: opening a state file with its OS lock
 * against loading it without one, and a right-PIN VERIFY whose spent try is written to disk
 * before the comparison (then the restored counter after it) against the same VERIFY on a card
 * that only saves when the state at the end differs (the behaviour before: no write at all).
 * Both VERIFY variants use a right PIN on a full counter so they can repeat forever.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StateFileBenchmark {
    private static final byte[] VERIFY_RIGHT = Hex.decode("0020008106363438323139");

    private Path dir;
    private Path heldFile;
    private Path plainFile;
    private Path spareFile;
    private PersistentCard held;
    private SimulatedCard plain;

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))),
                "schsm-statefile-bench");
        heldFile = dir.resolve("held.state");
        plainFile = dir.resolve("plain.state");
        spareFile = dir.resolve("spare.state");
        held = PersistentCard.open(heldFile, SimulatedCard::create, Duration.ZERO);
        expect9000(held.transmit(SELECT));
        expect9000(held.transmit(INITIALIZE));
        plain = SimulatedCard.load(heldFile);
        plain.save(plainFile);
        plain.save(spareFile);
        expect9000(plain.transmit(SELECT));
    }

    @TearDown
    public void tearDown() throws IOException {
        held.close();
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }


    /** Right PIN through the state file's owner: spent try on disk, compare, restored counter on disk. */
    @Benchmark
    public byte[] verifyHeldWithPreWrite() {
        return held.transmit(VERIFY_RIGHT);
    }

    /** Right PIN, save only if the end state differs (it does not): no disk write. */
    @Benchmark
    public byte[] verifyWithoutPreWrite() throws IOException {
        byte[] r = plain.transmit(VERIFY_RIGHT);
        plain.save(plainFile);
        return r;
    }

    /** Open (lock, load) and close (unlock) the state file. */
    @Benchmark
    public void openWithLock() throws IOException {
        PersistentCard.open(spareFile, SimulatedCard::create, Duration.ZERO).close();
    }

    /** Load the same file without any lock: what opening cost before. */
    @Benchmark
    public SimulatedCard loadWithoutLock() throws IOException {
        return SimulatedCard.load(spareFile);
    }
}

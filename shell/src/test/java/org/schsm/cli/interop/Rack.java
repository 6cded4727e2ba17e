package org.schsm.cli.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.schsm.hsm.InitializeOptions;
import org.schsm.hsm.Pin;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.hsm.SoPin;
import org.schsm.simulator.SimulatedCard;
import org.schsm.simulator.SimulatorTransport;
import org.schsm.simulator.cvc.DeviceCertificates;
import org.schsm.simulator.cvc.HolderReference;
import org.schsm.testkit.PcscEnvironment;
import org.schsm.testkit.ProcessResult;
import org.schsm.testkit.ProcessRunner;
import org.schsm.simulator.vpcd.SimulatedCardVirtualCard;
import org.schsm.simulator.vpcd.VpcdClient;

/**
 * The 8-reader test rack of scripts/vpcd-rack.sh (a pcscd of its own, socket
 * {@code RACK_DIR/run/pcscd.comm}), with a simulated SmartCard-HSM served into each reader from
 * this JVM: device {@code i} has serial {@code DESCHSM01ii} and sits in
 * {@code schsm rack (i/2+1) 00 0(i%2)} on port {@code 35970 + i}. Programs reach the rack with
 * {@link #environment()}; the system's pcscd and its {@code Virtual PCD} readers are not touched.
 */
final class Rack implements AutoCloseable {
    static final int SIZE = 8;
    static final int FIRST_PORT = 35970;
    static final Path DIR = Path.of(System.getenv().getOrDefault("RACK_DIR", "/tmp/schsm-rack"));
    static final Path SOCKET = DIR.resolve("run").resolve("pcscd.comm");
    private static final Duration APPEAR = Duration.ofSeconds(20);

    private final List<VpcdClient> clients = new ArrayList<>();

    private Rack() {
    }

    /** The rack's environment for a schsm or OpenSC process. */
    static Map<String, String> environment() {
        return Map.of("PCSCLITE_CSOCK_NAME", SOCKET.toString());
    }

    static String reader(int device) {
        return "schsm rack " + (device / 2 + 1) + " 00 0" + (device % 2);
    }

    static String serial(int device) {
        return String.format("DESCHSM%04d", 100 + device);
    }

    /** Skips (fails under CI=true) unless the rack's pcscd lists its 8 readers. */
    static void require() {
        if (!Files.exists(SOCKET)) {
            PcscEnvironment.unavailable("the 8-reader rack is not running (no " + SOCKET + "): scripts/vpcd-rack.sh start");
        }
        long readers = listing().stream().filter(l -> l.contains("schsm rack")).count();
        if (readers < SIZE) {
            PcscEnvironment.unavailable("the rack's pcscd lists " + readers + " of " + SIZE + " readers: scripts/vpcd-rack.sh start");
        }
    }

    /**
     * Serves a card into every reader. Devices in {@code initialized} are initialized with the
     * default SO-PIN and {@link Tools#USER_PIN} first; device {@code lostAfter[0]}, if given, is taken
     * out after it answered {@code lostAfter[1]} commands (a token pulled in the middle of a run).
     */
    static Rack serve(List<Integer> initialized, int... lostAfter) throws InterruptedException {
        require();
        Rack rack = new Rack();
        for (int i = 0; i < SIZE; i++) {
            SimulatedCard card = SimulatedCard.create(DeviceCertificates.generate(HolderReference.simulatedDevice(100 + i)));
            if (initialized.contains(i)) {
                initialize(card);
            }
            AtomicReference<VpcdClient> self = new AtomicReference<>();
            AtomicInteger commands = new AtomicInteger();
            boolean pulled = lostAfter.length == 2 && lostAfter[0] == i;
            VpcdClient client = VpcdClient.builder(new SimulatedCardVirtualCard(card)).port(FIRST_PORT + i)
                    .afterCommand(() -> {
                        if (pulled && commands.incrementAndGet() == lostAfter[1]) {
                            new Thread(() -> self.get().close(), "rack-pull").start();
                        }
                    }).build();
            self.set(client);
            rack.clients.add(client.start());
        }
        rack.awaitCards(SIZE);
        return rack;
    }

    private static void initialize(SimulatedCard card) {
        SmartCardHsm hsm = new SmartCardHsm(new SimulatorTransport(card));
        hsm.select();
        try (SoPin so = SoPin.fromHex(Tools.SO_PIN.toCharArray()); Pin pin = Pin.user(Tools.USER_PIN.toCharArray())) {
            hsm.initialize(InitializeOptions.builder(so, pin).build());
        }
    }

    /** Takes device {@code i} out and waits until the rack's pcscd no longer shows its card. */
    void remove(int i) throws InterruptedException {
        clients.get(i).close();
        awaitCards(SIZE - 1);
    }

    private void awaitCards(int count) throws InterruptedException {
        long deadline = System.nanoTime() + APPEAR.toNanos();
        long present = 0;
        while (System.nanoTime() < deadline) {
            present = listing().stream().filter(l -> l.contains("schsm rack") && l.contains(" Yes ")).count();
            if (present == count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the rack shows " + present + " cards, not " + count + ": " + listing());
    }

    static List<String> listing() {
        ProcessResult r = ProcessRunner.run(ProcessRunner.DEFAULT_TIMEOUT, environment(), "opensc-tool", "-l");
        return r.stdout().lines().toList();
    }

    @Override
    public void close() {
        clients.forEach(VpcdClient::close);
    }
}

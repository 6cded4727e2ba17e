package org.schsm.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.schsm.apdu.CommandApdu;
import org.schsm.hsm.FileNotFoundOnCardException;
import org.schsm.hsm.InitializeOptions;
import org.schsm.hsm.KeyGenerationRequest;
import org.schsm.hsm.KeySigning;
import org.schsm.hsm.KeySpec;
import org.schsm.hsm.Pin;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.hsm.SoPin;
import org.schsm.simulator.SimulatedCard;
import org.schsm.simulator.SimulatorTransport;
import org.schsm.transport.CardTransport;
import org.schsm.transport.Transports;

/**
 * EC P-256 signing and key generation on the simulated card (issue 15 item 15), each two ways:
 * the APDU bytes straight into the simulator ({@link SimulatorTransport#transmit(byte[])}), and
 * through the toolkit as a program uses it ({@link SmartCardHsm} on the decorated transport). The
 * toolkit's key generation also writes the PKCS#15 description (one UPDATE BINARY), as OpenSC does.
 * Key generation goes to a key id that is deleted before every call (not timed), since the card
 * refuses a key id in use (6A89).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KeyOperationsBenchmark {
    private static final int SIGNING_KEY = 1;
    private static final int GENERATED_KEY = 2;

    /**
     * An initialized simulated card with the user PIN verified and an EC P-256 key 01. Scope
     * Benchmark (one thread runs): JMH 1.37 gives a thread-scoped state that another state's
     * set-up depends on a second instance, so the key would be freed on another card.
     */
    @State(Scope.Benchmark)
    public static class Card {
        SimulatorTransport simulator;
        SmartCardHsm hsm;
        byte[] hash;
        byte[] signApdu;
        byte[] generateApdu;
        KeyGenerationRequest request;
        byte[] message;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            simulator = new SimulatorTransport(SimulatedCard.create());
            CardTransport decorated = Transports.decorate(simulator, true, null);
            hsm = SmartCardHsm.connect(decorated);
            hsm.initialize(InitializeOptions.builder(SoPin.fromHex("3537363231383830"), Pin.user("648219")).build());
            hsm.verify("648219");
            hsm.generateKeyPair(SIGNING_KEY, KeySpec.ec("secp256r1"), "bench signing key");
            message = "a message of some length to sign, as a file would be".getBytes(StandardCharsets.UTF_8);
            hash = MessageDigest.getInstance("SHA-256").digest(message);
            signApdu = new CommandApdu(0x80, 0x68, SIGNING_KEY, KeySigning.ALG_ECDSA, hash, CommandApdu.MAX_EXTENDED_NE, true)
                    .bytes();
            String serial = hsm.serialNumber().orElseThrow();
            request = KeyGenerationRequest.openScStyle(KeySpec.ec("secp256r1"), serial);
            generateApdu = new CommandApdu(0x00, 0x46, GENERATED_KEY, 0x00, request.encode(), CommandApdu.MAX_EXTENDED_NE,
                    true).bytes();
            expect9000(simulator.transmit(signApdu));
        }
    }

    /**
     * Makes room for the next key generation (JMH does not time it): the card refuses a key id in
     * use (6A89). A state of its own so that the signing benchmarks get no per-call set-up.
     */
    @State(Scope.Thread)
    public static class FreeKeyId {
        @Setup(Level.Invocation)
        public void free(Card card) {
            try {
                card.hsm.withForce().deleteKey(GENERATED_KEY);
            } catch (FileNotFoundOnCardException none) {
                // the first call: nothing generated yet
            }
        }
    }

    private static byte[] expect9000(byte[] response) {
        int sw = ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
        if (sw != 0x9000) {
            throw new IllegalStateException("the card answered " + Integer.toHexString(sw));
        }
        return response;
    }

    /** COMPUTE SIGNATURE {@code 80 68 01 70} with a SHA-256 hash, as bytes into the simulator. */
    @Benchmark
    public byte[] simulatorSignP256(Card card) {
        return card.simulator.transmit(card.signApdu);
    }

    /** The same through the toolkit: {@code hsm.computeSignature(1, 0x70, hash)}, status word checked. */
    @Benchmark
    public byte[] toolkitSignP256(Card card) {
        return card.hsm.computeSignature(SIGNING_KEY, KeySigning.ALG_ECDSA, card.hash);
    }

    /**
     * {@code hsm.sign(1, message)} as the shell and {@code schsm key sign} do: hash on the host,
     * plus the key listing that finds the key's type (1 + 2 APDUs here).
     */
    @Benchmark
    public byte[] toolkitSignMessageP256(Card card) {
        return card.hsm.sign(SIGNING_KEY, card.message);
    }

    /** GENERATE ASYMMETRIC KEY PAIR {@code 00 46 02 00} with OpenSC's request, as bytes into the simulator. */
    @Benchmark
    public byte[] simulatorKeygenP256(Card card, FreeKeyId free) {
        return expect9000(card.simulator.transmit(card.generateApdu));
    }

    /** {@code hsm.generateKeyPair(2, request, label)}: the generation and the PKCS#15 description. */
    @Benchmark
    public Object toolkitKeygenP256(Card card, FreeKeyId free) {
        return card.hsm.generateKeyPair(GENERATED_KEY, card.request, "bench");
    }
}

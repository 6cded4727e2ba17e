package org.schsm.bench;

import static org.schsm.bench.CardSetUp.INITIALIZE;
import static org.schsm.bench.CardSetUp.SELECT;
import static org.schsm.bench.CardSetUp.expect9000;

import com.licel.jcardsim.smartcardio.CardSimulator;
import com.licel.jcardsim.utils.AIDUtil;
import java.util.concurrent.TimeUnit;
import javacard.framework.AID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.Hex;
import org.schsm.apdu.ResponseApdu;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.simulator.SimulatedCard;
import org.schsm.simulator.SimulatorTransport;
import org.schsm.simulator.applet.SmartCardHsmApplet;
import org.schsm.transport.CardTransport;
import org.schsm.transport.Transports;

/**
 * Cost of one APDU through the toolkit (decorators included) against raw jCardSim
 * {@code transmitCommand} for the same APDU and the same applet: a no-data VERIFY status query on
 * an initialized card, which spends nothing and so can be repeated forever.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ApduPathBenchmark {
    private static final byte[] VERIFY_STATUS = Hex.decode("00200081");
    private static final CommandApdu VERIFY_STATUS_APDU = CommandApdu.decode(VERIFY_STATUS);

    private CardSimulator raw;
    private CardTransport toolkitPlain;
    private CardTransport toolkitDecorated;

    @Setup
    public void setUp() {
        raw = new CardSimulator();
        AID aid = AIDUtil.create(Hex.decode(SmartCardHsm.AID_HEX));
        raw.installApplet(aid, SmartCardHsmApplet.class);
        expect9000(raw.transmitCommand(SELECT));
        expect9000(raw.transmitCommand(INITIALIZE));

        SimulatedCard card = SimulatedCard.create();
        SimulatorTransport transport = new SimulatorTransport(card);
        expect9000(transport.transmit(SELECT));
        expect9000(transport.transmit(INITIALIZE));
        toolkitPlain = transport;
        toolkitDecorated = Transports.decorate(transport, true, null);
    }


    @Benchmark
    public byte[] rawJcardsim() {
        return raw.transmitCommand(VERIFY_STATUS);
    }

    @Benchmark
    public byte[] toolkitTransportBytes() {
        return toolkitPlain.transmit(VERIFY_STATUS);
    }

    @Benchmark
    public ResponseApdu toolkitDecoratedCommandApdu() {
        return toolkitDecorated.transmit(VERIFY_STATUS_APDU);
    }
}

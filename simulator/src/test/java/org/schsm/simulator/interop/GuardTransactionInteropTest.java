package org.schsm.simulator.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.schsm.apdu.Hex;
import org.schsm.hsm.BrickGuardException;
import org.schsm.hsm.Pin;
import org.schsm.hsm.PinBlockedException;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.hsm.WrongPinException;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InteropTest;
import org.schsm.testkit.Requirement;
import org.schsm.transport.CardBusyException;
import org.schsm.transport.CardTransport;
import org.schsm.transport.PcscTransport;
import org.schsm.transport.TransportDecorator;

/**
 * The brick guard's check and the PIN command are one transaction on PC/SC (issue 14 item 3):
 * {@code SmartCardHsm} holds the card ({@code SCardBeginTransaction}) from the guard's status
 * query to the end of VERIFY, so a second PC/SC client cannot spend a try in between and make
 * the guard's reading stale. Two clients of pcscd on the vpcd reader, the second one started
 * exactly between the first one's status query and its VERIFY.
 */
@InteropTest({Requirement.PCSCD, Requirement.VPCD_DRIVER, Requirement.OPENSC_TOOL, Requirement.VPCD_READER})
@Timeout(60)
class GuardTransactionInteropTest {
    private static final String WRONG_A = "111111";
    private static final String WRONG_B = "222222";

    @Test
    void aTrySpentByAnotherClientCannotSlipBetweenTheGuardsReadAndTheVerify() throws Exception {
        Outcome outcome = race(true);
        WrongPinException first = assertInstanceOf(WrongPinException.class, outcome.first,
                "the guarded VERIFY found the counter the guard read: 2 -> 1");
        assertEquals(1, first.triesLeft());
        assertNotNull(outcome.second, "the second client was kept out until the first was done");
        assertTrue(outcome.second instanceof BrickGuardException || outcome.second instanceof CardBusyException,
                "second client: refused by its own guard (one try left) or busy, not " + outcome.second);
        assertEquals("63C1", outcome.finalStatus, "no try was spent behind the guard's back; the PIN is not blocked");
    }

    /** The same interleaving without the hold: the guard's reading goes stale and the PIN is blocked. */
    @Test
    void withoutTheHoldTheSameInterleavingSpendsTheLastTry() throws Exception {
        Outcome outcome = race(false);
        assertInstanceOf(PinBlockedException.class, outcome.first,
                "the guard read 2 tries, the other client spent one, this VERIFY spent the last");
        assertInstanceOf(WrongPinException.class, outcome.second);
        assertEquals("6983", outcome.finalStatus);
    }

    private record Outcome(RuntimeException first, Throwable second, String finalStatus) {
    }

    private static Outcome race(boolean hold) throws Exception {
        SimulatedHsm hsm = SimulatedHsm.fresh().initialized();
        hsm.statusOf("00A404000B" + HsmConstants.compact(HsmConstants.AID));
        assertEquals("63C2", hsm.statusOf("0020008106" + Hex.encode("000000".getBytes())), "one try spent up front");
        hsm.card.powerCycle();
        try (VirtualReader reader = VirtualReader.insert(hsm.adapter);
             PcscTransport rawA = PcscTransport.open(VirtualReader.NAME);
             PcscTransport rawB = PcscTransport.open(VirtualReader.NAME)) {
            SmartCardHsm b = new SmartCardHsm(rawB);
            b.select();
            CompletableFuture<Throwable> second = new CompletableFuture<>();
            CardTransport a = new PausingAfterStatusQuery(rawA, hold, () -> {
                Thread attacker = new Thread(() -> {
                    try {
                        b.verify(Pin.user(WRONG_B));
                        second.complete(null);
                    } catch (RuntimeException e) {
                        second.complete(e);
                    }
                }, "second-pcsc-client");
                attacker.start();
                try {
                    second.get(1, TimeUnit.SECONDS);  // done at once when nothing holds the card
                } catch (TimeoutException e) {
                    // kept waiting by the first client's transaction: go on, it runs afterwards
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            SmartCardHsm first = new SmartCardHsm(a);
            first.select();
            RuntimeException firstOutcome = assertThrows(RuntimeException.class, () -> first.verify(Pin.user(WRONG_A)));
            Throwable secondOutcome = second.get(20, TimeUnit.SECONDS);
            return new Outcome(firstOutcome, secondOutcome, hsm.statusOf("0020008100"));
        }
    }

    /**
     * The first client's transport: after the guard's status query (VERIFY without data) it runs
     * {@code between} once, before the VERIFY goes out. With {@code hold} false it drops
     * begin/endExclusive, which is what a client without the transaction would do.
     */
    private static final class PausingAfterStatusQuery extends TransportDecorator {
        private final boolean hold;
        private final Runnable between;
        private final AtomicBoolean done = new AtomicBoolean();

        PausingAfterStatusQuery(CardTransport inner, boolean hold, Runnable between) {
            super(inner);
            this.hold = hold;
            this.between = between;
        }

        @Override
        public byte[] transmit(byte[] command) {
            byte[] response = inner.transmit(command);
            boolean statusQuery = command.length == 4 && command[1] == 0x20;
            if (statusQuery && !done.getAndSet(true)) {
                between.run();
            }
            return response;
        }

        @Override
        public void beginExclusive() {
            if (hold) {
                inner.beginExclusive();
            }
        }

        @Override
        public void endExclusive() {
            if (hold) {
                inner.endExclusive();
            }
        }
    }
}

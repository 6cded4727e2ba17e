package org.schsm.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.testkit.InteropTest;
import org.schsm.testkit.Requirement;

/**
 * What the card receives over the real PC/SC stack (pcscd, vpcd) is what {@link PcscTransport}
 * was given and what the trace shows: every class byte, and malformed commands. The card echoes
 * each command back as its data, so the test also sees that the answer is not rewritten.
 */
@InteropTest({Requirement.PCSCD, Requirement.VPCD_DRIVER})
class PcscExactBytesInteropTest {
    private static final int PORT = 35964;
    /** T=1, no historical bytes (as in {@link PcscVpcdInteropTest}), so no OpenSC driver claims it. */
    private static final byte[] ATR = Hex.decode("3B800181");

    private volatile CountDownLatch hang;
    private VpcdCard card;
    private String reader;

    /** Echoes the command, then 9000; while {@link #hang} is set, never answers until it is released. */
    private byte[] answer(byte[] apdu) {
        CountDownLatch h = hang;
        if (h != null) {
            try {
                h.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] out = Arrays.copyOf(apdu, apdu.length + 2);
        out[apdu.length] = (byte) 0x90;
        return out;
    }

    @BeforeEach
    void insertCard() throws InterruptedException {
        card = VpcdCard.insertListed(PORT, ATR, this::answer);
        reader = card.reader();
    }

    @AfterEach
    void removeCard() throws IOException, InterruptedException {
        CountDownLatch h = hang;
        if (h != null) {
            h.countDown();
        }
        if (card != null) {
            card.close();
            card.awaitRemovedFromListing();
        }
    }

    /** The hex of a trace line's command ({@code >> 01 B0 00 00 02}, maybe with a "(malformed ...)" note). */
    private static String traced(String line) {
        String body = line.substring(line.indexOf(">> ") + 3);
        int note = body.indexOf(" (");
        return (note < 0 ? body : body.substring(0, note)).replace(" ", "");
    }

    @Test
    void everyClassByteReachesTheCardAsTracedWithTheDefaultProvider() {
        List<String> trace = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        try (PcscTransport raw = PcscTransport.open(reader, PcscProvider.JNA)) {
            TracingTransport traced = new TracingTransport(raw, line -> {
                if (line.startsWith(">>")) {
                    trace.add(traced(line));
                }
            });
            for (int cla = 0x00; cla <= 0xFF; cla++) {
                // READ BINARY, case 2: an instruction that carries no secret, so the trace shows every byte.
                byte[] command = {(byte) cla, (byte) 0xB0, 0x00, 0x00, 0x02};
                sent.add(Hex.encode(command));
                byte[] answer = traced.transmit(command);
                assertArrayEquals(command, Arrays.copyOf(answer, answer.length - 2), "echo of CLA " + Hex.byteHex(cla));
            }
        }
        assertEquals(sent, trace);
        assertEquals(sent, card.receivedOf(new java.util.HashSet<>(sent)));
    }

    @Test
    void malformedCommandsReachTheCardByteForByteWithTheDefaultProvider() {
        List<String> malformed = List.of(
                "002000",                 // 3 bytes: no P2
                "0020",                   // 2 bytes
                "00A40000063132",         // Lc 06 with 2 data bytes
                "00B000000A0102",         // Lc 0A, 2 bytes
                "00A404000B",             // Lc without data
                "80CA00000000",           // 6 bytes: neither short nor extended
                "00200081000006");        // extended Lc 0006, no data
        List<String> trace = new ArrayList<>();
        try (PcscTransport raw = PcscTransport.open(reader, PcscProvider.JNA)) {
            TracingTransport traced = new TracingTransport(raw, line -> {
                if (line.startsWith(">>")) {
                    trace.add(traced(line));
                }
            });
            for (String hex : malformed) {
                byte[] answer = traced.transmit(Hex.decode(hex));
                assertEquals(hex, Hex.encode(Arrays.copyOf(answer, answer.length - 2)));
            }
        }
        assertEquals(malformed, trace);
        assertEquals(malformed, card.receivedOf(new java.util.HashSet<>(malformed)));
    }

    @Test
    void theJdkProviderSendsWhatItCanUnchangedAndRefusesTheRestWithoutSending() {
        try (PcscTransport raw = PcscTransport.open(reader, PcscProvider.SUN)) {
            for (String hex : List.of("00B0000002", "20B0000002", "80B0000002", "FFB0000002", "00200081063132")) {
                byte[] answer = raw.transmit(Hex.decode(hex));
                assertEquals(hex, Hex.encode(Arrays.copyOf(answer, answer.length - 2)));
            }
            int before = card.received.size();
            UnsendableCommandException cla = assertThrows(UnsendableCommandException.class,
                    () -> raw.transmit(Hex.decode("01B0000002")));
            assertTrue(cla.getMessage().contains("class byte 00 instead of 01"), cla.getMessage());
            UnsendableCommandException shortOne = assertThrows(UnsendableCommandException.class,
                    () -> raw.transmit(Hex.decode("002000")));
            assertTrue(shortOne.getMessage().contains("3 bytes"), shortOne.getMessage());
            assertThrows(UnsendableCommandException.class, () -> raw.transmit(Hex.decode("0070000001")));
            assertEquals(before, card.received.size(), "nothing may reach the card: " + card.received);
        }
    }

    @Test
    void aCardThatStopsAnsweringEndsTheWaitWithTheCommandNamed() {
        try (PcscTransport raw = PcscTransport.open(reader, PcscProvider.JNA, AnswerTimeout.of(Duration.ofMillis(1500)))) {
            hang = new CountDownLatch(1);
            long start = System.nanoTime();
            CardTimeoutException e = assertThrows(CardTimeoutException.class, () -> raw.transmit(Hex.decode("00B0000002")));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 1400 && millis < 5000, millis + " ms");
            assertTrue(e.getMessage().startsWith("no answer within 1.5 s to READ BINARY (00 B0 00 00) from the card in reader"), e.getMessage());
            assertTrue(e.getMessage().contains("'" + reader + "'"), e.getMessage());
            // The connection is spent: the next command fails at once, and close does not block.
            long again = System.nanoTime();
            assertThrows(CardTimeoutException.class, () -> raw.transmit(Hex.decode("00B0000002")));
            assertTrue(System.nanoTime() - again < 500_000_000L);
        }
    }
}

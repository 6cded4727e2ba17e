package org.schsm.simulator.vpcd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.schsm.apdu.Hex;
import org.schsm.testkit.HsmConstants;
import org.schsm.transport.TransportException;
import org.schsm.transport.VpcdFraming;

/** The vpcd wire protocol against a fake vpcd driver; no pcscd needed. */
@Timeout(30)
class VpcdClientTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final byte[] OK = {(byte) 0x90, 0x00};

    private VpcdClient client;

    @AfterEach
    void stopClient() {
        if (client != null) {
            client.close();
        }
    }

    private VpcdClient.Builder clientFor(VirtualCard card, int port) {
        return VpcdClient.builder(card).port(port)
                .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(100));
    }

    @Test
    void atrRequestIsAnsweredWithTheCardsAtr() throws Exception {
        RecordingCard card = new RecordingCard(c -> OK);
        try (FakeVpcdServer server = new FakeVpcdServer()) {
            client = clientFor(card, server.port()).start();
            try (FakeVpcdServer.Connection pcscd = server.accept(WAIT)) {
                assertArrayEquals(RecordingCard.ATR, pcscd.requestAtr());
            }
        }
    }

    @Test
    void commandApduIsPassedToTheCardAndItsResponseReturned() throws Exception {
        RecordingCard card = new RecordingCard(c -> Hex.decode("0102039000"));
        try (FakeVpcdServer server = new FakeVpcdServer()) {
            client = clientFor(card, server.port()).start();
            try (FakeVpcdServer.Connection pcscd = server.accept(WAIT)) {
                byte[] response = pcscd.transmit(Hex.decode("00A4040000"));
                assertArrayEquals(Hex.decode("0102039000"), response);
                assertTrue(card.events.contains("apdu 00A4040000"), card.events.toString());
            }
        }
    }

    @Test
    void lengthFieldIsTwoBytesBigEndianForLongMessages() throws Exception {
        byte[] longResponse = new byte[300 + 2];
        Arrays.fill(longResponse, (byte) 0x5A);
        longResponse[300] = (byte) 0x90;
        longResponse[301] = 0x00;
        RecordingCard card = new RecordingCard(c -> longResponse.clone());
        byte[] extended = new byte[7 + 280 + 2];
        extended[1] = (byte) 0xD7;
        extended[5] = 0x01;
        extended[6] = 0x18; // extended Lc = 280
        try (FakeVpcdServer server = new FakeVpcdServer()) {
            client = clientFor(card, server.port()).start();
            try (FakeVpcdServer.Connection pcscd = server.accept(WAIT)) {
                // Hand-framed: 01 21 = 289 bytes follow.
                byte[] frame = new byte[2 + extended.length];
                frame[0] = 0x01;
                frame[1] = 0x21;
                System.arraycopy(extended, 0, frame, 2, extended.length);
                pcscd.sendRaw(frame);
                assertArrayEquals(longResponse, pcscd.receive());
                assertTrue(card.events.contains("apdu " + Hex.encode(extended)));
            }
        }
    }

    @Test
    void controlMessagesReachTheCardInOrderAndAreNotAnswered() throws Exception {
        RecordingCard card = new RecordingCard(c -> OK);
        try (FakeVpcdServer server = new FakeVpcdServer()) {
            client = clientFor(card, server.port()).start();
            try (FakeVpcdServer.Connection pcscd = server.accept(WAIT)) {
                pcscd.control(VpcdFraming.POWER_OFF);
                pcscd.control(VpcdFraming.POWER_ON);
                pcscd.control(VpcdFraming.RESET);
                // Had any control message been answered, this read would return that answer.
                assertArrayEquals(RecordingCard.ATR, pcscd.requestAtr());
                assertEquals(List.of("off", "on", "reset", "atr"), card.events);
            }
        }
    }

    @Test
    void afterCommandRunsForStateChangingCommandsOnly() throws Exception {
        AtomicInteger saves = new AtomicInteger();
        RecordingCard card = new RecordingCard(c -> OK);
        try (FakeVpcdServer server = new FakeVpcdServer()) {
            client = clientFor(card, server.port()).afterCommand(saves::incrementAndGet).start();
            try (FakeVpcdServer.Connection pcscd = server.accept(WAIT)) {
                pcscd.transmit(Hex.decode("00A4040C0B" + HsmConstants.compact(HsmConstants.AID))); // SELECT
                pcscd.transmit(Hex.decode("0020008100"));                       // PIN status query
                assertEquals(0, saves.get());
                pcscd.transmit(Hex.decode("0020008106313233343536"));           // VERIFY with PIN
                assertEquals(1, saves.get());
                pcscd.transmit(Hex.decode("8050000003800200"));                 // INITIALIZE
                assertEquals(2, saves.get());
            }
        }
    }

    @Test
    void aCardExceptionIsAnsweredWith6F00AndTheSessionGoesOn() throws Exception {
        RecordingCard card = new RecordingCard(c -> {
            if (c[1] == 0x46) {
                throw new IllegalStateException("applet bug");
            }
            return OK;
        });
        try (FakeVpcdServer server = new FakeVpcdServer()) {
            client = clientFor(card, server.port()).start();
            try (FakeVpcdServer.Connection pcscd = server.accept(WAIT)) {
                assertArrayEquals(Hex.decode("6F00"), pcscd.transmit(Hex.decode("0046000000")));
                assertArrayEquals(OK, pcscd.transmit(Hex.decode("0084000008")));
            }
        }
    }

    @Test
    void aRemovedCardEndsTheConnectionWhenTransmitFails() throws Exception {
        RecordingCard card = new RecordingCard(c -> {
            throw new TransportException("card removed");
        });
        try (FakeVpcdServer server = new FakeVpcdServer()) {
            client = clientFor(card, server.port()).start();
            try (FakeVpcdServer.Connection pcscd = server.accept(WAIT)) {
                pcscd.send(Hex.decode("0084000008"));
                assertTrue(pcscd.closedByCard(), "the client should have left the reader");
            }
        }
    }

    @Test
    void anAbsentCardLeavesTheReaderAndComesBackWhenPresent() throws Exception {
        RecordingCard card = new RecordingCard(c -> OK);
        try (FakeVpcdServer server = new FakeVpcdServer()) {
            client = clientFor(card, server.port()).start();
            try (FakeVpcdServer.Connection pcscd = server.accept(WAIT)) {
                card.present = false;
                pcscd.send(new byte[] {VpcdFraming.GET_ATR});
                assertTrue(pcscd.closedByCard(), "an absent card must look like an empty reader");
            }
            assertFalse(server.connectsWithin(Duration.ofMillis(500)), "reconnected while the card was absent");
            card.present = true;
            try (FakeVpcdServer.Connection pcscd = server.accept(WAIT)) {
                assertArrayEquals(RecordingCard.ATR, pcscd.requestAtr());
            }
        }
    }

    @Test
    void reconnectsAfterThePeerClosesAndPowersTheCardOffInBetween() throws Exception {
        RecordingCard card = new RecordingCard(c -> OK);
        try (FakeVpcdServer server = new FakeVpcdServer()) {
            client = clientFor(card, server.port()).start();
            try (FakeVpcdServer.Connection first = server.accept(WAIT)) {
                first.control(VpcdFraming.POWER_ON);
                first.requestAtr();
            }
            try (FakeVpcdServer.Connection second = server.accept(WAIT)) {
                assertArrayEquals(RecordingCard.ATR, second.requestAtr());
            }
            assertTrue(client.awaitSessions(2, WAIT) || client.sessions() >= 2);
            assertEquals(List.of("on", "atr", "off", "atr"), List.copyOf(card.events).subList(0, 4));
        }
    }

    @Test
    void reconnectsAfterAMessageIsCutOff() throws Exception {
        RecordingCard card = new RecordingCard(c -> OK);
        try (FakeVpcdServer server = new FakeVpcdServer()) {
            client = clientFor(card, server.port()).start();
            try (FakeVpcdServer.Connection first = server.accept(WAIT)) {
                first.sendRaw(new byte[] {0x00, 0x10, 0x00, (byte) 0xA4}); // 16 announced, 2 sent
            }
            try (FakeVpcdServer.Connection second = server.accept(WAIT)) {
                assertArrayEquals(RecordingCard.ATR, second.requestAtr());
            }
            assertFalse(card.events.stream().anyMatch(e -> e.startsWith("apdu")), "a cut-off APDU reached the card");
        }
    }

    @Test
    void keepsTryingUntilTheDriverListens() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        RecordingCard card = new RecordingCard(c -> OK);
        client = clientFor(card, port).start();
        Thread.sleep(300); // several refused attempts
        assertFalse(client.isConnected());
        try (FakeVpcdServer server = new FakeVpcdServer(port);
                FakeVpcdServer.Connection pcscd = server.accept(WAIT)) {
            assertArrayEquals(RecordingCard.ATR, pcscd.requestAtr());
            assertTrue(client.awaitConnected(WAIT));
        }
    }

    @Test
    void closeEndsTheConnectionAndTheThread() throws Exception {
        RecordingCard card = new RecordingCard(c -> OK);
        try (FakeVpcdServer server = new FakeVpcdServer()) {
            client = clientFor(card, server.port()).start();
            try (FakeVpcdServer.Connection pcscd = server.accept(WAIT)) {
                pcscd.requestAtr();
                assertTrue(client.awaitConnected(WAIT));
                long started = System.nanoTime();
                client.close();
                assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(2)) < 0,
                        "close() took too long");
                assertTrue(pcscd.closedByCard());
                assertFalse(client.isConnected());
            }
            assertFalse(server.connectsWithin(Duration.ofMillis(300)), "connected again after close()");
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().equals("vpcd-127.0.0.1:" + server.port())));
        }
    }

    @Test
    void closeWhileWaitingToReconnectReturnsPromptly() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        client = VpcdClient.builder(new RecordingCard(c -> OK)).port(port)
                .reconnectDelay(Duration.ofSeconds(10), Duration.ofSeconds(10)).start();
        Thread.sleep(200);
        long started = System.nanoTime();
        client.close();
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(2)) < 0,
                "close() waited for the reconnect delay");
    }
}

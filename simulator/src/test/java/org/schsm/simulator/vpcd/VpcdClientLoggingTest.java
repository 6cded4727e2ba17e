package org.schsm.simulator.vpcd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.schsm.apdu.Hex;
import org.schsm.testkit.HsmConstants;

/** At DEBUG level the bridge traces every APDU, but never a PIN. */
@Timeout(30)
class VpcdClientLoggingTest {
    private static final String PIN = HsmConstants.compact(HsmConstants.USER_PIN_HEX);     // "648219"
    private static final String SO_PIN = HsmConstants.DEFAULT_SO_PIN;

    private final Logger jul = Logger.getLogger(VpcdClient.class.getName());
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            messages.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previous;

    @BeforeEach
    void captureDebugLog() {
        previous = jul.getLevel();
        jul.setLevel(Level.ALL);
        jul.addHandler(capture);
    }

    @AfterEach
    void restoreLog() {
        jul.removeHandler(capture);
        jul.setLevel(previous);
    }

    @Test
    void pinCommandsAreTracedWithTheirDataRedacted() throws Exception {
        RecordingCard card = new RecordingCard(c -> Hex.decode("9000"));
        try (FakeVpcdServer server = new FakeVpcdServer();
                VpcdClient client = VpcdClient.builder(card).port(server.port()).start();
                FakeVpcdServer.Connection pcscd = server.accept(Duration.ofSeconds(5))) {
            pcscd.transmit(Hex.decode("0020008106" + PIN));                           // VERIFY
            pcscd.transmit(Hex.decode("002400810C" + PIN + PIN));                     // CHANGE REFERENCE DATA
            pcscd.transmit(Hex.decode("002C00810E" + SO_PIN + PIN));                  // RESET RETRY COUNTER
            pcscd.transmit(Hex.decode("8050000019800200018106" + PIN + "8208" + SO_PIN + "910103")); // INITIALIZE
            pcscd.transmit(Hex.decode("0020008109" + PIN));                           // malformed VERIFY
            assertTrue(client.isConnected());
        }
        String log = String.join("\n", messages);
        assertTrue(log.contains("00 20 00 81 06 **"), log);
        assertTrue(log.contains("80 50 00 00 19 **"), log);
        assertTrue(log.contains("00 20 00 81 ** (malformed"), log);
        String compact = log.replace(" ", "");
        assertFalse(compact.contains(PIN), "user PIN in the log:\n" + log);
        assertFalse(compact.contains(SO_PIN), "SO-PIN in the log:\n" + log);
    }
}

package org.schsm.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.apdu.ResponseApdu;

/**
 * DECIPHER answers with a plaintext or an ECDH shared secret: the reports a suite writes (the
 * transcript, a failed data expectation, the differential table's observed values) show its
 * length-free {@code **}, never the bytes; other answers keep their data.
 */
class SecretAnswerReportTest {
    private static final String SECRET = "A1B2C3D4E5F60718";
    private static final byte[] DECIPHER = Hex.decode("80620180" + "03" + "010203");
    private static final byte[] READ_BINARY = Hex.decode("00B0000000");

    private static Exchange exchange(byte[] command, String dataHex) {
        return new Exchange("case", "shown", command, new ResponseApdu(Hex.decode(dataHex), 0x9000), 1000);
    }

    @Test
    void decipherAnswerDataNeverReachesAReport() {
        Exchange e = exchange(DECIPHER, SECRET);
        List<String> reports = List.of(
                e.transcript(),
                DataExpectation.of("00").mismatch(e).orElseThrow(),
                DataExpectation.of("00").observed(e).orElseThrow(),
                TlvExpectation.of("A1", "00").observed(e).orElseThrow());
        for (String report : reports) {
            assertFalse(report.replace(" ", "").contains("B2C3D4"), report);
        }
        assertEquals("data **", DataExpectation.of("00").observed(e).orElseThrow());
        assertTrue(e.secretAnswer());
    }

    @Test
    void otherAnswersKeepTheirData() {
        Exchange e = exchange(READ_BINARY, SECRET);
        assertFalse(e.secretAnswer());
        assertEquals("data A1 B2 C3 D4 E5 F6 07 18", DataExpectation.of("00").observed(e).orElseThrow());
        assertTrue(DataExpectation.of("00").mismatch(e).orElseThrow().contains("A1 B2 C3"));
    }
}

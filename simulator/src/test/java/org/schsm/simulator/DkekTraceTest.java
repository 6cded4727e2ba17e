package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.apdu.Instruction;
import org.schsm.testkit.HsmConstants;
import org.schsm.transport.TracingTransport;

/**
 * A trace of the DKEK instructions (import of both shares, status, wrap, unwrap, refusals) never
 * shows a share, the DKEK or a key derived from it: the instruction catalogue marks IMPORT DKEK
 * SHARE as carrying a secret, and the blobs WRAP answers and UNWRAP takes are encrypted.
 */
class DkekTraceTest {
    private static final String SHARE_1 = "0F1E2D3C4B5A69788796A5B4C3D2E1F00112233445566778899AABBCCDDEEFF0";
    private static final String SHARE_2 = "C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3C3";

    @Test
    void theCatalogueMarksImportDkekShareAsSecretAndWrapUnwrapAsNot() {
        assertTrue(Instruction.IMPORT_DKEK_SHARE.carriesSecret());
        assertFalse(Instruction.WRAP_KEY.carriesSecret());
        assertFalse(Instruction.UNWRAP_KEY.carriesSecret());
    }

    @Test
    void noShareDkekOrDerivedKeyByteInTheTrace() throws Exception {
        List<String> lines = new ArrayList<>();
        TestCard plain = new TestCard();
        TracingTransport traced = new TracingTransport(plain.transport, lines::add);
        send(traced, HsmConstants.SELECT, 0x9000);
        send(traced, "80 50 00 00 1C 80 02 00 01 81 06 " + HsmConstants.USER_PIN_HEX + " 82 08 " + HsmConstants.DEFAULT_SO_PIN
                + " 91 01 03 92 01 02", 0x9000);
        send(traced, "80 52 00 00 20 " + SHARE_1 + " 00", 0x9000);
        send(traced, "80 52 00 00 1F " + SHARE_2.substring(2), 0x6700);     // wrong length: refused
        send(traced, "80 52 00 00 20 " + SHARE_2 + " 00", 0x9000);
        send(traced, "80 52 00 00 20 " + SHARE_2 + " 00", 0x6986);         // all in: refused
        send(traced, TestCard.VERIFY_USER, 0x9000);
        send(traced, Keys.generate(1, Keys.ecRequest("secp256r1")), 0x9000);
        byte[] blob = send(traced, WrapUnwrapKeyTest.wrap(1), 0x9000);
        send(traced, WrapUnwrapKeyTest.unwrap(2, blob), 0x9000);

        byte[] dkek = Hex.decode(SHARE_1);
        byte[] two = Hex.decode(SHARE_2);
        for (int i = 0; i < 32; i++) {
            dkek[i] ^= two[i];
        }
        String trace = String.join("\n", lines).replace(" ", "").toUpperCase();
        assertTrue(lines.size() >= 20, "every command and answer traced");
        for (String secret : new String[] {SHARE_1, SHARE_2, Hex.encode(dkek),
            Hex.encode(BlobReader.derive(dkek, 1)), Hex.encode(BlobReader.derive(dkek, 2))}) {
            // any 8 consecutive bytes of a secret would be a leak
            for (int i = 0; i + 16 <= secret.length(); i += 2) {
                String piece = secret.substring(i, i + 16);
                assertFalse(trace.contains(piece), "trace shows secret bytes " + i / 2 + "..");
            }
        }
        assertEquals(Hex.encode(BlobReader.kcv(dkek)), Hex.encode(java.util.Arrays.copyOf(blob, 8)));
    }

    private static byte[] send(TracingTransport transport, String hex, int sw) {
        byte[] response = transport.transmit(Hex.decode(hex));
        int got = ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
        assertEquals(sw, got, () -> "answer to " + hex.substring(0, Math.min(hex.length(), 14)));
        return java.util.Arrays.copyOf(response, response.length - 2);
    }
}

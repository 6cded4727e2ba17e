package org.schsm.simulator;

import java.util.Arrays;
import org.schsm.testkit.HsmConstants;

/** What the file command tests share: a test certificate, a personalised card, READ BINARY. */
final class FileTestSupport {
    static final String ENUMERATE = "80 58 00 00 00";

    private FileTestSupport() {
    }

    static byte[] certificate(int length) {
        byte[] cert = new byte[length];
        for (int i = 0; i < length; i++) {
            cert[i] = (byte) (i * 7 + 3);
        }
        return cert;
    }

    /** A card whose EF.C_DevAut holds {@code cert} (and no device key), selected. */
    static TestCard personalised(byte[] cert) {
        TestCard card = new TestCard(SimulatedCard.create(cert));
        card.expect(HsmConstants.SELECT, 0x9000);
        return card;
    }

    static String read(String fid, int offset, String le) {
        return String.format("00 B1 %s 04 54 02 %04X %s", fid, offset, le);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.schsm.simulator.FileTestSupport.certificate;
import static org.schsm.simulator.FileTestSupport.concat;
import static org.schsm.simulator.FileTestSupport.personalised;
import static org.schsm.simulator.FileTestSupport.read;
import static org.schsm.simulator.TestCard.VERIFY_USER;
import static org.schsm.testkit.HsmConstants.SELECT;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.apdu.ResponseApdu;

/** READ BINARY, odd INS {@code B1}: offset in tag 54, 6282 with the data at the end. */
class ReadBinaryTest {
    @Test
    void deviceCertificateIsReadableWithoutPin() {
        byte[] cert = certificate(120);
        TestCard card = personalised(cert);
        card.expect("00 A4 00 00 02 2F 02 00", 0x9000);
        assertArrayEquals(cert, card.expectData(read("00 00", 0, "00")));
        assertArrayEquals(cert, card.expectData(read("2F 02", 0, "00")));
        assertArrayEquals(Arrays.copyOfRange(cert, 100, 120), card.expectData(read("2F 02", 100, "00")));
    }

    @Test
    void explicitLeBeyondTheEndReturnsTheRestWithEndOfFile() {
        byte[] cert = certificate(120);
        TestCard card = personalised(cert);
        ResponseApdu tail = card.expect(read("2F 02", 100, "40"), 0x6282);
        assertArrayEquals(Arrays.copyOfRange(cert, 100, 120), tail.data());
        assertArrayEquals(Arrays.copyOfRange(cert, 10, 26), card.expectData(read("2F 02", 10, "10")));
        assertEquals(0, card.expect(read("2F 02", 120, "10"), 0x6282).dataLength());
        card.expect(read("2F 02", 121, "00"), 0x6B00);
    }

    @Test
    void largeCertificateIsReadInShortChunksOrOneExtendedRead() {
        byte[] cert = certificate(700);
        TestCard card = personalised(cert);
        byte[] joined = new byte[0];
        for (int offset = 0; offset < cert.length; offset += 256) {
            byte[] part = card.expectData(read("2F 02", offset, "00"));
            joined = concat(joined, part);
        }
        assertArrayEquals(cert, joined);
        byte[] extended = card.expectData("00 B1 2F 02 00 00 04 54 02 00 00 00 00");
        assertArrayEquals(cert, extended);
        byte[] explicit = card.expectData("00 B1 2F 02 00 00 04 54 02 00 00 02 BC");
        assertArrayEquals(cert, explicit);
        card.expectData("00 A4 00 00 02 2F 02 00", "62 0B 80 02 02 BC 82 01 01 83 02 2F 02");
    }

    @Test
    void readBinaryChecksItsOffsetObject() {
        TestCard card = personalised(certificate(10));
        card.expect("00 B1 2F 02 00", 0x6700);
        card.expect("00 B1 2F 02 04 53 02 00 00 00", 0x6A80);
        card.expect("00 B1 2F 02 03 54 02 00 00", 0x6A80);
        card.expect("00 B1 2F 02 05 54 02 00 00 00 00", 0x6A80);
        card.expectData("00 B1 2F 02 03 54 01 08 00", Hex.encode(Arrays.copyOfRange(certificate(10), 8, 10)));
        card.expect("00 B1 2F 02 04 54 02 80 00 00", 0x6B00);
    }

    @Test
    void readBinaryOfTheCurrentEfNeedsOne() {
        TestCard card = personalised(certificate(10));
        card.expect(read("00 00", 0, "00"), 0x6986);
        card.expect(read("2F 03", 0, "00"), 0x6A82);
    }

    @Test
    void protectedDataNeedsThePinToRead() {
        TestCard card = TestCard.initialized();
        card.expect(VERIFY_USER, 0x9000);
        card.expect("00 D7 CD 01 07 54 02 00 00 53 01 42", 0x9000);
        card.expectData(read("CD 01", 0, "00"), "42");
        card.expect(SELECT, 0x9000);
        card.expect(read("CD 01", 0, "00"), 0x6982);
    }
}

package org.schsm.hsm.dkek;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.schsm.InvalidInputException;
import org.schsm.apdu.Hex;
import org.schsm.hsm.RealData;

class ShareFileTest {
    private static final byte[] SALT = Hex.decode("0102030405060708");

    @Test
    void realShareFileOpensWithTenMillionRoundsAndGivesTheReferenceKcv() {
        List<long[]> reports = new ArrayList<>();
        try (DkekShare share = ShareFile.decrypt(RealData.shareFile(), "passwordpassword".getBytes(StandardCharsets.US_ASCII),
                (done, total) -> reports.add(new long[] {done, total}))) {
            assertEquals(RealData.shareKcv(), share.kcvHex());
        }
        assertTrue(reports.size() > 10, "progress is reported while the derivation runs");
        long[] last = reports.get(reports.size() - 1);
        assertEquals(30_000_000L, last[0]);
        assertEquals(last[0], last[1]);
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i)[0] >= reports.get(i - 1)[0], "progress never goes back");
        }
    }

    @Test
    void oneRoundMatchesOpenSslEncWithMd5() {
        // openssl enc -aes-256-cbc -md md5 -S 0102030405060708 -pass pass:secret (EVP_BytesToKey, count 1)
        // over the 32 ASCII bytes "0123456789abcdef0123456789abcdef".
        byte[] shareBytes = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] file = ShareFile.encrypt(new DkekShare(shareBytes), "secret".getBytes(StandardCharsets.US_ASCII), SALT, 1,
                KdfProgress.NONE);
        assertEquals(Hex.encode("Salted__".getBytes(StandardCharsets.US_ASCII)) + "0102030405060708"
                + "920238ECEE77ECEB07680DFDECA5D059932E487CCC052B551DA6AABF3E9CFB75"
                + "039D58FB779281F7EB388F5382387154", Hex.encode(file));
    }

    @Test
    void roundTripAndWrongPassword() {
        DkekShare share = new DkekShare(Hex.decode("C955AF6FB058CA963D270049DE57B75B175D528B8993D7651DCC4650097CAFFB"));
        byte[] file = ShareFile.encrypt(share, "right horse".getBytes(StandardCharsets.UTF_8), SALT, 1000, KdfProgress.NONE);
        assertEquals(64, file.length);
        assertEquals(share.kcvHex(), ShareFile.decrypt(file, "right horse".getBytes(StandardCharsets.UTF_8), 1000,
                KdfProgress.NONE).kcvHex());
        WrongPasswordException wrong = assertThrows(WrongPasswordException.class,
                () -> ShareFile.decrypt(file, "wrong horse".getBytes(StandardCharsets.UTF_8), 1000, KdfProgress.NONE));
        assertTrue(!wrong.getMessage().contains("wrong horse"));
    }

    @Test
    void filesThatAreNotShareFilesAreRefusedBeforeDerivation() {
        assertThrows(InvalidInputException.class, () -> ShareFile.checkFormat(new byte[63]));
        byte[] noMagic = new byte[64];
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ShareFile.decrypt(noMagic, new byte[] {1}, KdfProgress.NONE));
        assertTrue(e.getMessage().contains("Salted__"));
    }

    @Test
    void passwordCharactersAreEncodedAsUtf8() {
        assertEquals("C3A4", Hex.encode(ShareFile.passwordBytes(new char[] {'\u00e4'})));
    }

    @Test
    void shareNeverShowsItsBytes() {
        DkekShare share = new DkekShare(new byte[32]);
        assertEquals("DkekShare[KCV 66687AADF862BD77]", share.toString());
        share.close();
        assertEquals("DkekShare[cleared]", share.toString());
        assertThrows(IllegalStateException.class, share::toBytes);
    }
}

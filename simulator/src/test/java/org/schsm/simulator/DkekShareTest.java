package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.schsm.testkit.HsmConstants.DEFAULT_SO_PIN;
import static org.schsm.testkit.HsmConstants.DKEK_STATUS;
import static org.schsm.testkit.HsmConstants.USER_PIN_HEX;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;

class DkekShareTest {
    private static final String SHARE_A = "00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF "
            + "01 23 45 67 89 AB CD EF FE DC BA 98 76 54 32 10";
    private static final String SHARE_B = "A5 ".repeat(32);

    private static String withShares(int shares) {
        return "80 50 00 00 1C 80 02 00 01 81 06 " + USER_PIN_HEX + " 82 08 " + DEFAULT_SO_PIN + " 91 01 03 92 01 "
                + String.format("%02X", shares);
    }

    private static String kcv(byte[] dkek) throws NoSuchAlgorithmException {
        return Hex.encode(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(dkek), 8));
    }

    @Test
    void freshCardAnswersInstructionNotSupportedSoScHsmToolStopsQuietly() {
        TestCard card = TestCard.selected();
        card.expect(DKEK_STATUS, 0x6D00);
        card.expect("80 52 00 00 20 " + SHARE_A, 0x6D00);
    }

    @Test
    void statusAfterInitializationWithOneShareShowsItOutstanding() {
        TestCard card = TestCard.initialized();
        card.expectData(DKEK_STATUS, "01 01 00 00 00 00 00 00 00 00");
        card.expectData("80 52 00 00", "01 01 00 00 00 00 00 00 00 00");
    }

    @Test
    void withoutSharesStatusIsAllZero() {
        TestCard card = TestCard.selected();
        card.expect(TestCard.initialize("00 01"), 0x9000);
        card.expectData(DKEK_STATUS, "00 00 00 00 00 00 00 00 00 00");
        card.expect("80 52 00 00 20 " + SHARE_A + " 00", 0x6A88);
    }

    @Test
    void importingTheOnlyShareYieldsItsKeyCheckValue() throws Exception {
        TestCard card = TestCard.initialized();
        byte[] status = card.expectData("80 52 00 00 20 " + SHARE_A + " 00");
        assertArrayEquals(Hex.decode("01 00" + kcv(Hex.decode(SHARE_A))), status);
        card.expectData(DKEK_STATUS, "01 00" + kcv(Hex.decode(SHARE_A)));
    }

    @Test
    void twoSharesCombineByXor() throws Exception {
        TestCard card = TestCard.selected();
        card.expect(withShares(2), 0x9000);
        card.expectData("80 52 00 00 20 " + SHARE_A + " 00", "02 01 00 00 00 00 00 00 00 00");
        byte[] a = Hex.decode(SHARE_A);
        byte[] b = Hex.decode(SHARE_B);
        byte[] dkek = new byte[32];
        for (int i = 0; i < 32; i++) {
            dkek[i] = (byte) (a[i] ^ b[i]);
        }
        card.expectData("80 52 00 00 20 " + SHARE_B + " 00", "02 00" + kcv(dkek));
    }

    @Test
    void importAfterTheLastShareIsNotAllowed() {
        TestCard card = TestCard.initialized();
        card.expect("80 52 00 00 20 " + SHARE_A + " 00", 0x9000);
        card.expect("80 52 00 00 20 " + SHARE_B + " 00", 0x6986);
    }

    @Test
    void shareMustBeThirtyTwoBytes() {
        TestCard card = TestCard.initialized();
        card.expect("80 52 00 00 1F " + "11 ".repeat(31) + " 00", 0x6700);
        card.expect("80 52 00 00 21 " + "11 ".repeat(33) + " 00", 0x6700);
        card.expectData(DKEK_STATUS, "01 01 00 00 00 00 00 00 00 00");
    }

    @Test
    void keyDomainsOtherThanZeroAreNotSupported() {
        TestCard card = TestCard.initialized();
        card.expect("80 52 01 00 00", 0x6A86);
        card.expect("80 52 00 01 00", 0x6A86);
    }

    @Test
    void reinitializationForgetsTheDkek() {
        TestCard card = TestCard.initialized();
        card.expect("80 52 00 00 20 " + SHARE_A + " 00", 0x9000);
        card.expect(TestCard.INITIALIZE_TOOL, 0x9000);
        card.expectData(DKEK_STATUS, "01 01 00 00 00 00 00 00 00 00");
    }

    @Test
    void tagNinetyTwoZeroGivesEachCardARandomDkekOfItsOwn() throws Exception {
        byte[][] dkeks = new byte[2][];
        for (int i = 0; i < 2; i++) {
            TestCard card = TestCard.selected();
            card.expect(withShares(0), 0x9000);
            byte[] nvm = nvm(card.card);
            assertArrayEquals(new byte[] {0, 0, 1}, Arrays.copyOfRange(nvm, 2, 5), "0 shares, 0 outstanding, own DKEK");
            dkeks[i] = Arrays.copyOfRange(nvm, 48, 80);
            org.junit.jupiter.api.Assertions.assertFalse(Arrays.equals(new byte[32], dkeks[i]), "a DKEK was drawn");
            card.expect(TestCard.initialize("00 01"), 0x9000);                 // no tag 92: no DKEK
            assertArrayEquals(new byte[32], Arrays.copyOfRange(nvm(card.card), 48, 80), "re-initialization forgets it");
            assertArrayEquals(new byte[3], Arrays.copyOfRange(nvm(card.card), 2, 5));
        }
        org.junit.jupiter.api.Assertions.assertFalse(Arrays.equals(dkeks[0], dkeks[1]), "two cards, two DKEKs");
    }

    private static byte[] nvm(SimulatedCard card) throws ReflectiveOperationException {
        java.lang.reflect.Field appletField = SimulatedCard.class.getDeclaredField("applet");
        appletField.setAccessible(true);
        Object applet = appletField.get(card);
        java.lang.reflect.Field nvm = applet.getClass().getDeclaredField("nvm");
        nvm.setAccessible(true);
        return ((byte[]) nvm.get(applet)).clone();
    }
}

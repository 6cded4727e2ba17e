package org.schsm.hsm.dkek;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.schsm.hsm.pkcs15.KeyType;
import org.schsm.hsm.RealData;

class NewShareFileTest {
    private static final int ROUNDS = 100;

    /** Records the sizes asked of the "card", in order. */
    private static final class RecordingCard implements RandomSource {
        final List<Integer> asked = new ArrayList<>();
        final RandomSource inner = PasswordSharesTest.fakeCard(99);

        @Override
        public byte[] bytes(int count) {
            asked.add(count);
            return inner.bytes(count);
        }
    }

    @Test
    void passwordShareFileTakesSaltThenShareFromTheCard() {
        RecordingCard card = new RecordingCard();
        byte[] password = "correct horse".getBytes(StandardCharsets.UTF_8);
        NewShareFile made = NewShareFile.withPassword(password, card, KdfProgress.NONE, ROUNDS);
        assertEquals(List.of(8, 32), card.asked);
        assertEquals(64, made.file().length);
        assertTrue(made.passwordShares().isEmpty());
        try (DkekShare back = ShareFile.decrypt(made.file(), password, ROUNDS, KdfProgress.NONE)) {
            assertEquals(made.share().kcvHex(), back.kcvHex());
        }
        assertFalse(made.toString().contains(Arrays.toString(made.share().toBytes())));
    }

    @Test
    void nOfMFileOpensWithThePasswordRebuiltFromAnyThresholdOfShares() {
        RecordingCard card = new RecordingCard();
        NewShareFile made = NewShareFile.withPasswordShares(2, 3, card, KdfProgress.NONE, ROUNDS);
        assertEquals(List.of(8, 16, 8, 32), card.asked, "sc-hsm-tool's order of GET CHALLENGE calls");
        PasswordShares.Split split = made.passwordShares().orElseThrow();
        byte[] password = PasswordShares.combine(split.prime(), List.of(split.shares().get(2), split.shares().get(0)));
        assertArrayEquals(split.password(), password);
        try (DkekShare back = ShareFile.decrypt(made.file(), password, ROUNDS, KdfProgress.NONE)) {
            assertEquals(made.share().kcvHex(), back.kcvHex());
        }
    }

    @Test
    void wrapFileInspectionWithAndWithoutTheDkek() {
        WrapFile file = WrapFile.decode(RealData.wrapFile());
        WrapInspection offline = WrapInspection.of(file, Optional.empty());
        assertEquals("97E303855DC1C54D", offline.kcv());
        assertEquals("EC", offline.blobKeyType());
        assertEquals(Optional.of("btc-test"), offline.label());
        assertEquals(Optional.of("DENK010570200001"), offline.requestHolder());
        assertEquals(Optional.empty(), offline.macVerified());
        assertTrue(offline.describe().contains("MAC                  : not checked (no DKEK share given)"));
        try (Dkek dkek = new Dkek(RealData.dkek()); Dkek wrong = new Dkek(new byte[32])) {
            WrapInspection checked = WrapInspection.of(file, Optional.of(dkek));
            assertEquals(Optional.of(true), checked.macVerified());
            assertEquals(Optional.of(KeyType.EC), checked.keyType());
            assertEquals(Optional.of(256), checked.keySizeBits());
            assertEquals(Optional.of(false), WrapInspection.of(file, Optional.of(wrong)).macVerified());
        }
    }
}

package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.hsm.DkekStatus;
import org.schsm.hsm.KeyInfo;
import org.schsm.hsm.KeySpec;
import org.schsm.hsm.PinReference;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.hsm.cvc.ChainVerdict;
import org.schsm.hsm.cvc.DeviceIdentity;
import org.schsm.simulator.applet.SmartCardHsmApplet;

/**
 * State files of layout 1 (written before the simulator had keys) are migrated, not refused. The
 * fixture {@code state/layout1-initialized.state} was written by the simulator at commit de5cc7c
 * (the last of layout 1): initialized with the default PINs, 3 tries, 2 DKEK shares of which one
 * (32 x 11) imported, files C901 = A0 03 02 01 01 and CF01 = "Hello old!", then one wrong user PIN.
 */
class StateMigrationTest {
    @TempDir
    Path dir;

    private Path fixture() throws IOException {
        Path file = dir.resolve("old.schsm");
        try (InputStream in = getClass().getResourceAsStream("/state/layout1-initialized.state")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void theFixtureReallyIsLayoutOne() throws IOException {
        StateFile.Content content = StateFile.decode(Files.readAllBytes(fixture()));
        assertEquals(1, content.layoutVersion());
        assertEquals(java.util.Set.of("nvm", "fileData"), content.sections().keySet());
    }

    @Test
    void aLayoutOneCardKeepsPinsCountersDkekAndFiles() throws Exception {
        SmartCardHsm hsm = new SmartCardHsm(new SimulatorTransport(SimulatedCard.load(fixture())));
        hsm.select();
        assertEquals(2, hsm.pinStatus(PinReference.USER).triesLeft(), "the wrong PIN before the upgrade still counts");
        DkekStatus dkek = hsm.dkekStatus().orElseThrow();
        assertEquals(2, dkek.totalShares());
        assertEquals(1, dkek.outstandingShares());
        // The card shows a KCV only once the DKEK is complete: the second share (32 x 22) must
        // combine with the first one imported before the upgrade (32 x 11) into 32 x 33.
        byte[] second = new byte[32];
        Arrays.fill(second, (byte) 0x22);
        DkekStatus complete = hsm.importDkekShare(new org.schsm.hsm.dkek.DkekShare(second));
        byte[] combined = new byte[32];
        Arrays.fill(combined, (byte) 0x33);
        assertEquals(0, complete.outstandingShares());
        assertEquals(org.schsm.apdu.Hex.encode(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(combined), 8)),
                complete.keyCheckValue());

        hsm.verify(org.schsm.testkit.HsmConstants.USER_PIN);
        assertArrayEquals("Hello old!".getBytes(StandardCharsets.US_ASCII), hsm.readBinary(0xCF01));
        assertArrayEquals(new byte[] {(byte) 0xA0, 0x03, 0x02, 0x01, 0x01}, hsm.readBinary(0xC901));
    }

    @Test
    void aLayoutOneCardGetsADeviceIdentityAndCanThenMakeKeys() throws Exception {
        SmartCardHsm hsm = new SmartCardHsm(new SimulatorTransport(SimulatedCard.load(fixture())));
        hsm.select();
        DeviceIdentity identity = hsm.deviceIdentity();
        assertTrue(identity.verdict() instanceof ChainVerdict.Simulated, identity.verdict().describe());
        assertTrue(identity.serialNumber().orElseThrow().startsWith("ZZSIM"));
        assertTrue(hsm.enumerateObjects().contains(0xCC00), "the device key is there");

        hsm.verify(org.schsm.testkit.HsmConstants.USER_PIN);
        KeyInfo key = hsm.generateKeyPair(0, KeySpec.ec("secp256r1"), "after upgrade");
        assertEquals(1, hsm.keys().size());
        assertEquals(key.id(), hsm.keys().get(0).id());
    }

    @Test
    void theMigratedCardIsSavedInTheCurrentLayoutAndLoadsAgain() throws Exception {
        Path file = fixture();
        SimulatedCard card = SimulatedCard.load(file);
        card.save(file);
        StateFile.Content content = StateFile.decode(Files.readAllBytes(file));
        assertEquals(SmartCardHsmApplet.STATE_LAYOUT_VERSION, content.layoutVersion());

        SmartCardHsm hsm = new SmartCardHsm(new SimulatorTransport(SimulatedCard.load(file)));
        hsm.select();
        assertEquals(2, hsm.pinStatus(PinReference.USER).triesLeft());
        hsm.verify(org.schsm.testkit.HsmConstants.USER_PIN);
        assertArrayEquals("Hello old!".getBytes(StandardCharsets.US_ASCII), hsm.readBinary(0xCF01));
    }

    @Test
    void aLayoutOneCardWithItsOwnCertificateKeepsItAndHasNoDeviceKey() throws Exception {
        byte[] certificate = {0x7F, 0x21, 0x01, 0x00};
        Map<Integer, byte[]> files = new LinkedHashMap<>();
        files.put(0x2F02, certificate);
        files.put(0xCF01, new byte[] {1, 2, 3});
        Map<String, byte[]> old = new LinkedHashMap<>();
        old.put("nvm", new byte[96]);
        old.put("fileData", StateMigration.writeStore(files, 64, 2 + 64 * 6 + 16384));

        Map<String, byte[]> migrated = StateMigration.fromLayout1(old, SimulatedCard.create());
        Map<Integer, byte[]> after = StateMigration.readStore(migrated.get("fileData"), 200);
        assertArrayEquals(certificate, after.get(0x2F02));
        assertArrayEquals(new byte[] {1, 2, 3}, after.get(0xCF01));
        assertFalse(StateMigration.readStore(migrated.get("keyData"), 128).containsKey(0xCC00));
    }

    @Test
    void otherLayoutsAreStillRefusedWithBothReadableVersionsNamed() throws IOException {
        Path file = dir.resolve("future.schsm");
        Files.write(file, StateFile.encode(9, Map.of("nvm", new byte[96])));
        StateFileException e = org.junit.jupiter.api.Assertions.assertThrows(StateFileException.class,
                () -> SimulatedCard.load(file));
        assertTrue(e.getMessage().contains("layout version 9"), e.getMessage());
        assertTrue(e.getMessage().contains("reads 1 and 2"), e.getMessage());
    }
}

package org.schsm.simulator.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.apdu.Hex;
import org.schsm.simulator.BlobReader;
import org.schsm.simulator.Keys;
import org.schsm.simulator.SimulatedCard;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InteropTest;
import org.schsm.testkit.ProcessResult;
import org.schsm.testkit.Requirement;
import org.schsm.tlv.Tlv;
import org.schsm.tlv.TlvReader;

/**
 * The card side of the DKEK against OpenSC's sc-hsm-tool over pcscd and vpcd: INITIALIZE with
 * {@code --dkek-shares}, a share file sc-hsm-tool makes from the simulator's GET CHALLENGE and
 * imports, the KCV it prints (checked against SHA-256 of the DKEK the applet holds), a wrap file
 * from {@code --wrap-key} whose blob opens with that DKEK as reference §6.2 says, and
 * {@code --unwrap-key} of that file on the re-initialized card, after which the key signs again.
 */
@InteropTest({Requirement.PCSCD, Requirement.VPCD_DRIVER, Requirement.OPENSC_TOOL, Requirement.VPCD_READER,
        Requirement.SC_HSM_TOOL})
@Timeout(600)
class ScHsmToolDkekInteropTest {
    /** A test password (sc-hsm-tool wants at least 6 characters). */
    private static final String PASSWORD = "interop-share-pw";
    private static final Pattern KCV = Pattern.compile("DKEK key check value : ([0-9A-F]{16})");

    @TempDir
    Path dir;
    private VirtualReader reader;

    @AfterEach
    void removeCard() {
        if (reader != null) {
            reader.close();
        }
    }

    private static ProcessResult scHsmTool(String... args) {
        return ScHsmToolInteropTest.scHsmTool(args);
    }

    private static ProcessResult succeeded(ProcessResult result) {
        assertTrue(result.succeeded() && !result.stderr().contains("failed"), result.describe());
        return result;
    }

    @Test
    void shareWrapAndUnwrapWithScHsmTool() throws Exception {
        SimulatedHsm hsm = SimulatedHsm.fresh();
        reader = VirtualReader.insert(hsm.recorder);
        succeeded(scHsmTool("--initialize", "--so-pin", SimulatedHsm.SO_PIN, "--pin", SimulatedHsm.USER_PIN,
                "--dkek-shares", "1"));
        assertTrue(succeeded(scHsmTool()).stdout().contains("DKEK import pending, 1 share(s) still missing"));

        Path share = dir.resolve("share.pbe");
        succeeded(scHsmTool("--create-dkek-share", share.toString(), "--password", PASSWORD));
        byte[] file = Files.readAllBytes(share);
        assertEquals(64, file.length, "reference §5.1: 64 bytes");
        assertEquals("Salted__", new String(file, 0, 8, StandardCharsets.US_ASCII));
        assertTrue(hsm.recorder.transcript().contains("00 84 00 00 20"), "the share came from GET CHALLENGE");

        hsm.recorder.clear();
        ProcessResult imported = succeeded(scHsmTool("--import-dkek-share", share.toString(), "--password", PASSWORD));
        assertTrue(hsm.recorder.transcript().contains("80 52 00 00 20 **"), "share redacted in the trace");
        byte[] dkek = dkek(hsm.card);
        String flat = hsm.recorder.transcript().replace(" ", "").toUpperCase();
        for (int i = 0; i + 16 <= 64; i += 8) {
            assertTrue(!flat.contains(Hex.encode(dkek).substring(i, i + 16)), "no DKEK byte in the transcript");
        }
        String kcv = Hex.encode(BlobReader.kcv(dkek));
        assertEquals(kcv, printedKcv(imported), "KCV sc-hsm-tool prints after the import");
        assertEquals(kcv, printedKcv(succeeded(scHsmTool())), "and in its status");

        // A key generated straight on the card (the reader is not in the way: same applet).
        hsm.card.powerCycle();
        send(hsm.card, HsmConstants.compact(HsmConstants.SELECT), "9000");
        send(hsm.card, "0020008106" + Hex.encode(SimulatedHsm.USER_PIN.getBytes(StandardCharsets.US_ASCII)), "9000");
        send(hsm.card, Keys.generateP256(1, ""), "9000");
        hsm.card.powerCycle();

        Path wrapped = dir.resolve("key1.wrap");
        succeeded(scHsmTool("--wrap-key", wrapped.toString(), "--key-reference", "1", "--pin", SimulatedHsm.USER_PIN));
        Tlv outer = TlvReader.readOne(Files.readAllBytes(wrapped));
        assertEquals(0x30, outer.tag());
        List<Tlv> parts = outer.children();
        assertEquals(0x04, parts.get(0).tag(), "reference §6.3: the blob first");
        BlobReader blob = new BlobReader(dkek, parts.get(0).value());
        assertEquals(0x0C, blob.type);
        assertArrayEquals(new int[] {32, 32, 32, 32, 65, 32, 65}, blob.widths());
        blob.assertPadding();
        assertEquals(0x67, parts.get(parts.size() - 1).tag(), "the CV request from CE01");

        // The recovery path: re-initialize, the same share, unwrap; the key is back and signs.
        succeeded(scHsmTool("--initialize", "--so-pin", SimulatedHsm.SO_PIN, "--pin", SimulatedHsm.USER_PIN,
                "--dkek-shares", "1"));
        assertEquals(kcv, printedKcv(succeeded(scHsmTool("--import-dkek-share", share.toString(),
                "--password", PASSWORD))));
        hsm.recorder.clear();
        succeeded(scHsmTool("--unwrap-key", wrapped.toString(), "--key-reference", "1", "--pin",
                SimulatedHsm.USER_PIN, "--force"));
        assertEquals("9000", hsm.recorder.first("80 74 01 93").swHex(), hsm.recorder.transcript());
        hsm.card.powerCycle();
        send(hsm.card, HsmConstants.compact(HsmConstants.SELECT), "9000");
        send(hsm.card, "0020008106" + Hex.encode(SimulatedHsm.USER_PIN.getBytes(StandardCharsets.US_ASCII)), "9000");
        send(hsm.card, Keys.extended("80680170", new byte[32]), "9000");
    }

    private static String printedKcv(ProcessResult result) {
        Matcher m = KCV.matcher(result.stdout());
        assertTrue(m.find(), result.describe());
        return m.group(1);
    }

    private static void send(SimulatedCard card, String hex, String sw) {
        byte[] response = card.transmit(Hex.decode(hex));
        assertEquals(sw, Hex.encode(response, response.length - 2, 2), hex.substring(0, 8));
    }

    /** The DKEK the applet holds (nvm offset 48, docs/simulator.md), read the way the fuzz test reads nvm. */
    private static byte[] dkek(SimulatedCard card) throws ReflectiveOperationException {
        Field appletField = SimulatedCard.class.getDeclaredField("applet");
        appletField.setAccessible(true);
        Object applet = appletField.get(card);
        Field nvm = applet.getClass().getDeclaredField("nvm");
        nvm.setAccessible(true);
        return Arrays.copyOfRange((byte[]) nvm.get(applet), 48, 80);
    }
}

package org.schsm.simulator.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.schsm.testkit.InteropTest;
import org.schsm.testkit.PcscEnvironment;
import org.schsm.testkit.ProcessResult;
import org.schsm.testkit.ProcessRunner;
import org.schsm.testkit.Requirement;

/** OpenSC's PKCS#11 module, through pkcs11-tool, against the simulated SmartCard-HSM. */
@InteropTest({Requirement.PCSCD, Requirement.VPCD_DRIVER, Requirement.OPENSC_TOOL, Requirement.VPCD_READER,
        Requirement.PKCS11_TOOL, Requirement.PKCS11_MODULE, Requirement.SC_HSM_TOOL})
@Timeout(90)
class Pkcs11ToolInteropTest {
    private VirtualReader reader;

    @AfterEach
    void removeCard() {
        if (reader != null) {
            reader.close();
        }
    }

    private static ProcessResult pkcs11Tool(String... args) {
        List<String> cmd = new ArrayList<>(List.of("pkcs11-tool", "--module",
                PcscEnvironment.pkcs11Module().toString()));
        cmd.addAll(List.of(args));
        return ProcessRunner.run(cmd.toArray(String[]::new));
    }

    @Test
    void listsTheInitializedCardAsATokenWithTheSerialFromItsDeviceCertificate() throws Exception {
        SimulatedHsm hsm = SimulatedHsm.fresh().initialized();
        reader = VirtualReader.insert(hsm.recorder);

        ProcessResult slots = pkcs11Tool("-L");
        hsm.recorder.save("pkcs11-tool-L");

        assertTrue(slots.succeeded(), slots.describe());
        String slot = slotBlock(slots.stdout());
        assertTrue(slot.contains("token label        : SmartCard-HSM (UserPIN)\n"), slots.describe());
        assertTrue(slot.contains("token manufacturer : www.CardContact.de\n"), slots.describe());
        assertTrue(slot.contains("token flags        : login required, rng, token initialized, PIN initialized\n"),
                slots.describe());
        assertTrue(slot.contains("serial num         : " + SimulatedHsm.DEVICE.serialNumber() + "\n"), slots.describe());
        assertTrue(slot.contains("pin min/max        : 6/15\n"), slots.describe());
        // OpenSC read the device certificate through the applet: SELECT 2F02, then odd READ BINARY.
        assertEquals("9000", hsm.recorder.first("00 A4 00 00 02 2F 02").swHex(), hsm.recorder.transcript());
        assertEquals("9000", hsm.recorder.first("00 B1 00 00 04 54 02 00 00").swHex());
        assertTrue(hsm.recorder.sent("80 58 00 00"), "ENUMERATE OBJECTS expected:\n" + hsm.recorder.transcript());
    }

    @Test
    void loginWithTheUserPinSucceeds() throws Exception {
        SimulatedHsm hsm = SimulatedHsm.fresh().initialized();
        reader = VirtualReader.insert(hsm.recorder);

        ProcessResult objects = pkcs11Tool("--login", "--pin", SimulatedHsm.USER_PIN, "--list-objects");
        hsm.recorder.save("pkcs11-tool-login");

        assertTrue(objects.succeeded(), objects.describe());
        ApduRecorder.Exchange verify = hsm.recorder.first("00 20 00 81 06");
        assertEquals("00 20 00 81 06 **", verify.command());
        assertEquals("9000", verify.swHex());
    }

    @Test
    void aWrongUserPinCostsOneTryAsSchsmToolThenReports() throws Exception {
        SimulatedHsm hsm = SimulatedHsm.fresh().initialized();
        reader = VirtualReader.insert(hsm.recorder);

        ProcessResult wrong = pkcs11Tool("--login", "--pin", "000000", "--list-objects");
        assertFalse(wrong.succeeded(), wrong.describe());
        assertTrue((wrong.stdout() + wrong.stderr()).contains("CKR_PIN_INCORRECT"), wrong.describe());
        assertEquals("63C2", hsm.recorder.first("00 20 00 81 06").swHex());

        ProcessResult status = ProcessRunner.run("sc-hsm-tool", "-r", VirtualReader.NAME);
        assertTrue(status.stdout().contains("User PIN tries left  : 2\n"), status.describe());
    }

    /** The lines of the slot that is our reader, up to the next slot. */
    private static String slotBlock(String listing) {
        int start = listing.indexOf(VirtualReader.NAME);
        if (start < 0) {
            throw new AssertionError("no slot for " + VirtualReader.NAME + " in\n" + listing);
        }
        int next = listing.indexOf("\nSlot ", start);
        return listing.substring(start, next < 0 ? listing.length() : next + 1);
    }
}

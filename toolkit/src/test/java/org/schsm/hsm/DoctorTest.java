package org.schsm.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.schsm.Advice;
import org.schsm.Remedy;
import org.schsm.apdu.StatusWord;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.ScriptedTransport;

class DoctorTest {
    private static final DkekStatus DKEK_READY = new DkekStatus(1, 0, "1122334455667788");
    /** What an initialized card without DKEK shares answers to 80 52 00 00 00. */
    private static final OptionalRead<DkekStatus> NO_DKEK = OptionalRead.of(new DkekStatus(0, 0, "0000000000000000"));

    /** A device as sc-hsm-tool would show it: version 3.2 JCOP, the given options and PIN answers. */
    private static DeviceStatus device(int options, String soSw, String userSw, OptionalRead<DkekStatus> dkek) {
        AppletInfo applet = new AppletInfo(new AppletVersion(3, 2), 0, Optional.of(new DeviceOptions(options)));
        return new DeviceStatus(applet, PinStatus.fromStatusWord(PinReference.SO, StatusWord.parse(soSw)),
                PinStatus.fromStatusWord(PinReference.USER, StatusWord.parse(userSw)), dkek, HsmConstants.ATR);
    }

    private static Diagnosis examine(int options, String soSw, String userSw) {
        return Doctor.examine(device(options, soSw, userSw, OptionalRead.of(DKEK_READY)));
    }

    private static Finding only(Diagnosis diagnosis, String code) {
        return diagnosis.finding(code).orElseThrow(() -> new AssertionError("no finding " + code + " in "
                + diagnosis.findings().stream().map(Finding::code).toList()));
    }

    private static boolean anyContains(List<?> lines, String text) {
        return lines.stream().anyMatch(l -> l.toString().contains(text));
    }

    /** Whether one of {@code advice} names {@code remedy}. */
    private static boolean anyNames(List<Advice> advice, Remedy remedy) {
        return advice.stream().anyMatch(a -> a.remedies().contains(remedy));
    }

    @Test
    void healthyDeviceHasNoWarnings() {
        Diagnosis d = examine(0x0001, "63CF", "63C3");
        assertEquals(List.of("healthy", "dkek-ready"), d.findings().stream().map(Finding::code).toList());
        assertEquals(Severity.INFO, d.severity());
    }

    @Test
    void neverInitializedDeviceIsToldToRunInit() {
        Diagnosis d = Doctor.examine(device(0, "6A88", "6A88", NO_DKEK));
        Finding f = only(d, "not-initialized");
        assertEquals(List.of(new Remedy.Initialize(false)), f.remedies());
        assertTrue(anyContains(f.doNot(), "3537363231383830"));
        assertEquals(1, d.findings().size());
    }

    @Test
    void nitrokeyForumCaseExplainsWhatToDoAndWhatNotToDo() {
        // support.nitrokey.com/t/1895: re-initialization refused with a wrong SO-PIN; afterwards
        // "SO-PIN tries left : 7", "User PIN tries left : 2", "User PIN reset with SO-PIN enabled".
        Diagnosis d = Doctor.examine(device(0x0001, "63C7", "63C2", NO_DKEK));

        Finding so = only(d, "so-pin-tries-spent");
        assertEquals(Severity.WARNING, so.severity());
        assertEquals("SO-PIN has 7 of 15 tries left", so.summary());
        assertTrue(so.explanation().toString().contains("8 wrong SO-PINs were presented"), so.explanation().toString());
        assertTrue(so.explanation().toString().contains("3537363231383830"), so.explanation().toString());
        assertTrue(so.explanation().toString().contains("\"57621880\""), so.explanation().toString());
        assertTrue(so.explanation().toString().contains("16 hex digits"), so.explanation().toString());
        assertTrue(anyContains(so.doNot(), "Do not keep guessing SO-PINs: each wrong one costs one of the 7 remaining tries"));
        assertTrue(anyContains(so.doNot(), "Do not re-initialize (`"), so.doNot()::toString);
        assertTrue(anyContains(so.doNot(), "`) if you need the keys"), so.doNot()::toString);
        assertTrue(anyNames(so.doNot(), new Remedy.Initialize(true)), so.doNot()::toString);
        // What is certain is stated; whether tries come back after a right SO-PIN is marked as the device's.
        assertTrue(so.explanation().toString().contains("Each wrong SO-PIN costs one try"), so.explanation().toString());
        assertFalse(so.explanation().toString().contains("come back"), "not claimed as certain: " + so.explanation().toString());
        assertEquals(1, so.dependsOnDevice().size());
        assertTrue(so.dependsOnDevice().get(0).startsWith("Whether a right SO-PIN gives the spent tries back is not"
                + " documented"), so.dependsOnDevice().toString());
        String text = d.toText();
        assertTrue(text.contains("  Depends on the device (not documented for every SmartCard-HSM):\n    - Whether a right"
                + " SO-PIN gives the spent tries back"), text);

        Finding user = only(d, "user-pin-low");
        assertEquals("User PIN has 2 tries left", user.summary());
        assertTrue(user.explanation().toString().startsWith("The user PIN still works."), user.explanation().toString());
        assertTrue(user.explanation().toString().contains("back up the keys"), user.explanation().toString());
        assertEquals(List.of(new Remedy.VerifyPin(false)), user.remedies());

        assertEquals(Severity.WARNING, d.severity());
        assertTrue(d.finding("healthy").isEmpty());
    }

    @Test
    void forumCaseIsDiagnosedFromTheCardWithoutSpendingATry() {
        ScriptedTransport card = new ScriptedTransport()
                .expect(HsmConstants.SELECT, "62 07 85 05 00 01 00 03 02 90 00")
                .expect(HsmConstants.SO_STATUS, "63C7")
                .expect(HsmConstants.USER_STATUS, "63C2")
                .expect(HsmConstants.DKEK_STATUS, "6A88")
                // the key inventory: no PIN needed; a card that lists no CE files is asked for CE<id> anyway
                .expect("80 58 00 00 00 00 00", "2F02 CC00 CC01 CC02 90 00")
                .expect("00 B1 CE 01 00 00 04 54 02 00 00 00 00", "6A82")
                .expect("00 B1 CE 02 00 00 04 54 02 00 00 00 00", "6A82");
        Diagnosis d = Doctor.diagnose(new SmartCardHsm(card));
        card.assertDone();
        assertEquals("SmartCard-HSM Applet for JCOP version 3.2", d.device());
        assertTrue(d.finding("so-pin-tries-spent").isPresent());
        assertTrue(d.finding("user-pin-low").isPresent());
        assertEquals("2 keys on the device: a re-initialization would erase all 2", only(d, "keys-on-device").summary());
    }

    @Test
    void keysOnTheDeviceAreWhatAReinitializationWouldErase() {
        DeviceStatus healthy = device(0x0001, "63CF", "63C3", OptionalRead.of(DKEK_READY));
        Finding three = only(Doctor.examine(healthy, OptionalInt.of(3)), "keys-on-device");
        assertEquals(Severity.INFO, three.severity());
        assertEquals("3 keys on the device: a re-initialization would erase all 3", three.summary());
        assertTrue(three.explanation().toString().contains("device key (CC00"), three.explanation().toString());
        assertEquals(List.of(new Remedy.ListKeys(), new Remedy.ListFiles()), three.remedies());
        assertTrue(anyNames(three.doNot(), new Remedy.Initialize(true)), three.doNot()::toString);
        assertEquals("1 key on the device: a re-initialization would erase it",
                only(Doctor.examine(healthy, OptionalInt.of(1)), "keys-on-device").summary());
        Diagnosis none = Doctor.examine(healthy, OptionalInt.of(0));
        assertTrue(none.finding("keys-on-device").isEmpty());
        assertEquals("No keys on the device: a re-initialization would erase none", only(none, "no-keys").summary());
        Diagnosis unknown = Doctor.examine(healthy, OptionalInt.empty());
        assertTrue(unknown.finding("keys-on-device").isEmpty() && unknown.finding("no-keys").isEmpty());
    }

    @Test
    void aCardThatRefusesToListItsFilesIsStillDiagnosed() {
        ScriptedTransport card = new ScriptedTransport()
                .expect(HsmConstants.SELECT, "62 07 85 05 00 01 00 03 02 90 00")
                .expect(HsmConstants.SO_STATUS, "63CF")
                .expect(HsmConstants.USER_STATUS, "63C3")
                .expect(HsmConstants.DKEK_STATUS, "6A88")
                .expect("80 58 00 00 00 00 00", "6D00");
        Diagnosis d = Doctor.diagnose(new SmartCardHsm(card));
        card.assertDone();
        assertTrue(d.finding("keys-on-device").isEmpty() && d.finding("no-keys").isEmpty());
        assertTrue(d.finding("healthy").isPresent());
    }

    @Test
    void blockedUserPinWithResetEnabledPointsToUnblock() {
        Finding f = only(examine(0x0001, "63CF", "6983"), "user-pin-blocked");
        assertEquals(Severity.CRITICAL, f.severity());
        assertEquals(List.of(new Remedy.UnblockPin(true)), f.remedies());
        assertTrue(f.explanation().toString().contains("keys are kept"), f.explanation().toString());
        assertTrue(anyContains(f.doNot(), "one of the SO-PIN's 15 remaining tries"));
    }

    @Test
    void blockedUserPinWithoutResetLeavesOnlyReinitialization() {
        Diagnosis d = examine(0x0000, "63CF", "6983");
        Finding f = only(d, "user-pin-blocked-no-reset");
        assertEquals(List.of(new Remedy.Initialize(true)), f.remedies());
        assertTrue(f.explanation().toString().contains("erases every key"), f.explanation().toString());
        assertTrue(d.finding("no-pin-reset").isEmpty(), "said once, not twice");
    }

    @Test
    void blockedUserPinOnAnAppletThatDoesNotReportOptionsSuggestsTryingUnblock() {
        AppletInfo applet = new AppletInfo(new AppletVersion(2, 0), -1, Optional.empty());
        DeviceStatus status = new DeviceStatus(applet, PinStatus.fromStatusWord(PinReference.SO, StatusWord.parse("63CF")),
                PinStatus.fromStatusWord(PinReference.USER, StatusWord.parse("6983")), NO_DKEK, HsmConstants.ATR);
        Finding f = only(Doctor.examine(status), "user-pin-blocked");
        assertTrue(f.explanation().toString().contains("6986"), f.explanation().toString());
    }

    @Test
    void blockedSoPinLeavesTheKeysUsableWithTheUserPinOnly() {
        Diagnosis d = examine(0x0001, "6983", "63C3");
        Finding f = only(d, "so-pin-blocked");
        assertEquals(Severity.CRITICAL, f.severity());
        assertTrue(f.explanation().toString().contains("never be re-initialized"), f.explanation().toString());
        assertTrue(f.explanation().toString().contains("The user PIN still works (3 tries left)"), f.explanation().toString());
        assertTrue(f.explanation().toString().contains("firmware update"), f.explanation().toString());
        assertTrue(anyContains(f.doNot(), "Do not run `"), f.doNot()::toString);
        assertTrue(f.doNot().stream().anyMatch(a -> a.remedies().equals(List.of(new Remedy.Initialize(false), new Remedy.UnblockPin(false)))),
                f.doNot()::toString);
        assertTrue(d.finding("so-pin-tries-spent").isEmpty());
    }

    @Test
    void bothPinsBlockedIsADeadEndWithNoCommand() {
        Finding f = only(examine(0x0001, "6983", "6983"), "device-locked");
        assertEquals(List.of(), f.remedies());
        assertTrue(f.explanation().toString().contains("no command can reset either PIN"), f.explanation().toString());
    }

    @Test
    void transportPinMustBeChangedFirst() {
        Finding f = only(examine(0x0003, "63CF", "6984"), "transport-pin");
        assertEquals(List.of(new Remedy.ChangePin()), f.remedies());
        assertEquals(Severity.WARNING, f.severity());
    }

    @Test
    void lastUserTryIsCriticalAndNeedsForce() {
        Finding f = only(examine(0x0001, "63CF", "63C1"), "user-pin-last-try");
        assertEquals(Severity.CRITICAL, f.severity());
        assertEquals(List.of(new Remedy.VerifyPin(true)), f.remedies());
    }

    @Test
    void lastSoTryIsCritical() {
        Finding f = only(examine(0x0001, "63C1", "63C3"), "so-pin-tries-spent");
        assertEquals(Severity.CRITICAL, f.severity());
        assertTrue(f.explanation().toString().contains("The next wrong SO-PIN blocks it for good."), f.explanation().toString());
    }

    @Test
    void disabledPinResetIsWorthKnowingWhileThePinWorks() {
        Diagnosis d = examine(0x0000, "63CF", "63C3");
        assertEquals(Severity.INFO, only(d, "no-pin-reset").severity());
        assertTrue(d.finding("healthy").isPresent());
    }

    @Test
    void dkekStatesAreReported() {
        Diagnosis pending = Doctor.examine(device(0x0001, "63CF", "63C3", OptionalRead.of(new DkekStatus(2, 1, "0000000000000000"))));
        assertEquals(Severity.WARNING, only(pending, "dkek-pending").severity());
        Diagnosis none = Doctor.examine(device(0x0001, "63CF", "63C3", NO_DKEK));
        assertTrue(only(none, "no-dkek").explanation().toString().contains("cannot be exported"));
    }

    @Test
    void aRefusedDkekQueryIsNamedWithItsStatusWordAndTheRestIsStillDiagnosed() {
        for (String sw : new String[] {"6B00", "6D00", "6A88", "6982"}) {
            Diagnosis d = Doctor.examine(device(0x0001, "63CD", "63C1", OptionalRead.refused(StatusWord.parse(sw))));
            Finding f = only(d, "dkek-unknown");
            assertEquals(Severity.INFO, f.severity());
            assertTrue(f.explanation().toString().contains("card answered " + StatusWord.parse(sw)), f.explanation().toString());
            assertTrue(d.finding("so-pin-tries-spent").isPresent(), sw);
            assertTrue(d.finding("user-pin-last-try").isPresent(), sw);
            assertTrue(d.finding("no-dkek").isEmpty(), "a refusal is not a statement that there are no shares");
            assertTrue(anyContains(d.facts(), "DKEK status not available: card answered " + sw), d.facts().toString());
        }
    }

    @Test
    void unreadableUserStatusIsReadAsSchsmToolDoes() {
        Finding f = only(examine(0x0001, "63CF", "6300"), "user-pin-unknown");
        assertTrue(f.explanation().toString().contains("Public key authentication active"), f.explanation().toString());
    }

    @Test
    void textRendererShowsFactsSeverityCommandsAndDoNotItems() {
        String text = Doctor.examine(device(0x0001, "63C7", "63C2", NO_DKEK)).toText(Object::toString);
        assertTrue(text.startsWith("Device: SmartCard-HSM Applet for JCOP version 3.2\n"), text);
        assertTrue(text.contains("  SO-PIN tries left: 7\n"), text);
        assertTrue(text.contains("Diagnosis: WARNING (3 findings)\n"), text);
        assertTrue(text.contains("[WARNING] SO-PIN has 7 of 15 tries left\n"), text);
        assertTrue(text.contains("  Run:\n    VerifyPin[forced=false]\n"), text);
        assertTrue(text.contains("  Do not:\n    - Do not keep guessing SO-PINs"), text);
        assertFalse(text.contains("healthy"));
    }
}

package org.schsm.hsm;

import java.util.ArrayList;
import java.util.List;

/** The texts of the {@link Doctor}'s findings, one factory per state. */
final class DoctorFindings {
    private static final String DEFAULT_SO = "the documented default SO-PIN is " + SoPin.DEFAULT_HEX
            + " (the ASCII codes of \"57621880\")";
    private static final String NO_GUESSING = "Do not keep guessing SO-PINs: each wrong one costs one of the"
            + " remaining SO-PIN tries, which never come back, and a blocked SO-PIN is final";

    private DoctorFindings() {
    }

    static Finding neverInitialized() {
        return new Finding(Severity.INFO, "Device never initialized",
                "The card has no SO-PIN and no user PIN yet (VERIFY without data answered 6A88). Initialization sets"
                        + " the SO-PIN (16 hex digits = 8 bytes, 15 tries, never unblockable) and the user PIN"
                        + " (6..16 characters). Choose your own SO-PIN and keep it safe.",
                List.of("schsm init"),
                List.of("Do not keep the documented default SO-PIN " + SoPin.DEFAULT_HEX + " on a device that will hold real keys"));
    }

    static Finding soBlocked(PinStatus user) {
        String userLine = user.isBlocked()
                ? "The user PIN is blocked too: the keys can no longer be used, and nothing on the card can change that."
                : "The keys stay usable with the user PIN as long as it works (" + user.describe()
                        + "): use them and back up what you can.";
        List<String> commands = user.isBlocked() ? List.of("schsm status") : List.of("schsm pin verify", "schsm status");
        return new Finding(Severity.CRITICAL, "SO-PIN blocked",
                "All 15 SO-PIN tries are used up. A blocked SO-PIN cannot be unblocked: the device can no longer be"
                        + " re-initialized and the user PIN can no longer be reset with it (reference §2.5, Nitrokey"
                        + " forum /t/1895 and /t/2795). " + userLine + " Only a vendor firmware update resets the device.",
                commands,
                List.of("Do not run schsm init or schsm pin unblock: the card refuses both for good",
                        "Do not guess the user PIN: if it blocks as well, the keys are lost"));
    }

    static Finding userBlocked(DeviceStatus s, PinStatus so) {
        String soCost = "a wrong SO-PIN spends one of its " + so.triesLeft() + " remaining tries";
        if (s.options() != null && !s.userPinResetEnabled()) {
            return new Finding(Severity.CRITICAL, "User PIN blocked, and PIN reset was disabled at initialization",
                    "No user-PIN tries are left and option 0001 (User PIN reset with SO-PIN) is off, so the card"
                            + " refuses RESET RETRY COUNTER (6986). The only way back is re-initialization with the"
                            + " SO-PIN, which erases all keys, certificates and files; keys not backed up are lost.",
                    List.of("schsm init --force"),
                    List.of("Do not run schsm pin unblock: it is refused on this device",
                            "Do not re-initialize before you are sure the keys are backed up or not needed"));
        }
        String optionsNote = s.options() == null
                ? " This applet does not report whether PIN reset was enabled; if the card refuses the unblock (6986), only re-initialization (erases all keys) is left."
                : "";
        return new Finding(Severity.CRITICAL, "User PIN blocked",
                "No user-PIN tries are left. PIN reset with the SO-PIN is enabled: RESET RETRY COUNTER gives the tries"
                        + " back, keeping the PIN or setting a new one, and keeps all keys. It needs the SO-PIN; "
                        + soCost + "." + optionsNote,
                List.of("schsm pin unblock", "schsm pin unblock --new-pin"),
                List.of("Do not re-initialize: it erases all keys, while unblocking keeps them", NO_GUESSING));
    }

    static Finding transportPin() {
        return new Finding(Severity.WARNING, "Transport PIN must be changed",
                "The user PIN was set as a transport PIN (option 0002): the card refuses it for use (6984) until its"
                        + " holder changes it. Changing needs the transport PIN you received; a wrong one spends a try,"
                        + " and the counter cannot be read while the transport PIN is active.",
                List.of("schsm pin change"),
                List.of("Do not guess the transport PIN: each wrong guess spends a user-PIN try you cannot see"));
    }

    static Finding userLow(PinStatus user, boolean resetEnabled) {
        int n = user.triesLeft();
        String after = resetEnabled
                ? "Once blocked it can be reset with the SO-PIN (schsm pin unblock)."
                : "Once blocked it can only be fixed by re-initialization, which erases all keys.";
        return new Finding(n == 1 ? Severity.CRITICAL : Severity.WARNING,
                "User PIN: " + (n == 1 ? "1 try left" : n + " tries left"),
                "Wrong user PINs were entered; a correct PIN restores the counter. "
                        + (n == 1 ? "The next wrong PIN blocks it (schsm refuses without --force). "
                                : "The PIN still works: log in and back up or export keys first. ")
                        + after,
                List.of("schsm pin status", "schsm pin verify"),
                List.of("Do not try PINs you are unsure of: the counter only comes back with the right PIN"));
    }

    static Finding soFailures(PinStatus so, PinStatus user) {
        int n = so.triesLeft();
        List<String> doNot = new ArrayList<>();
        doNot.add(NO_GUESSING.replace("remaining SO-PIN tries", "remaining " + n + " SO-PIN tries"));
        doNot.add("Do not re-initialize if you need the keys: re-initialization erases them even with the right SO-PIN");
        String userLine = user.state() == PinState.NOT_VERIFIED
                ? " The user PIN still works (" + (user.triesLeft() == 1 ? "1 try" : user.triesLeft() + " tries")
                        + " left): log in with it and back up or export the keys first."
                : "";
        return new Finding(n <= 3 ? Severity.CRITICAL : Severity.WARNING,
                "SO-PIN: " + n + " of " + Doctor.SO_MAX_TRIES + " tries left",
                "Wrong SO-PINs were presented (for instance a re-initialization refused with \"PIN code or key"
                        + " incorrect\", Nitrokey forum /t/1895). Find the right SO-PIN before trying again: "
                        + DEFAULT_SO + "; check that it was entered as 16 hex digits (8 bytes), not as the 8"
                        + " characters and not as another 16-digit string (reference §10)." + userLine
                        + " Once the SO-PIN is blocked, the device can never be re-initialized nor the user PIN reset.",
                List.of("schsm pin verify", "schsm status"),
                doNot);
    }

    static Finding defaultSoPinUnknown() {
        return new Finding(Severity.INFO, "Default SO-PIN cannot be detected",
                "Whether the documented default SO-PIN " + SoPin.DEFAULT_HEX + " is still set cannot be read"
                        + " without spending a try: the card only tells by comparing, and a wrong guess costs one of"
                        + " the SO-PIN tries. If you never changed it, change it now.",
                List.of("schsm pin change --so"),
                List.of("Do not probe the SO-PIN just to find out"));
    }

    static Finding dkekPending(DkekStatus d) {
        return new Finding(Severity.INFO, "DKEK import pending",
                d.outstanding() + " of " + d.total() + " DKEK shares are still missing; key backup and restore"
                        + " (wrap/unwrap) need all of them.",
                List.of("schsm status"), List.of());
    }

    static Finding unknownUserState(PinStatus user) {
        return new Finding(Severity.WARNING, "User PIN state unknown",
                "The user-PIN status query answered " + user.sw() + " (public-key authentication may be active,"
                        + " reference §6); schsm cannot tell how many tries are left and refuses PIN commands without --force.",
                List.of("schsm status"), List.of());
    }

    static Finding healthy(DeviceStatus s) {
        return new Finding(Severity.OK, "PINs usable",
                s.userPin().describe() + "; " + s.soPin().describe() + "."
                        + (s.userPinResetEnabled() ? " A blocked user PIN could be reset with the SO-PIN." : ""),
                List.of("schsm status"), List.of());
    }
}

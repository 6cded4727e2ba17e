package org.schsm.hsm;

import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.ResponseApdu;
import org.schsm.apdu.StatusWord;
import org.schsm.apdu.StatusWordException;

/**
 * Turns the status word of a refused PIN-related command into a typed exception, using the same
 * reading as OpenSC's iso7816.c (reference §0): 63Cx wrong PIN, 6983 blocked, 6984 transport
 * PIN (reference data not usable), 6A88 not initialized.
 */
final class Refusals {
    static final int SW_COMMAND_NOT_ALLOWED = 0x6986;

    private Refusals() {
    }

    /** Returns when the card answered 9000; otherwise throws the matching exception. */
    static void check(ResponseApdu response, String operation, CommandApdu shown, PinReference reference) {
        if (!response.isOk()) {
            throw refusal(response.statusWord(), operation, shown, reference);
        }
    }

    /**
     * VERIFY and CHANGE REFERENCE DATA: as {@link #check}, except that 6986, which a selected
     * SmartCard-HSM never answers to them, says that the application is probably not selected.
     */
    static void checkPinCommand(ResponseApdu response, String operation, CommandApdu shown, PinReference reference) {
        if (response.sw() == SW_COMMAND_NOT_ALLOWED) {
            throw new NotSelectedException(operation, shown, response.statusWord());
        }
        check(response, operation, shown, reference);
    }

    /**
     * INITIALIZE DEVICE: OpenSC reports 6985, 6986 and 6900 from this command as "PIN code or key
     * incorrect" (a wrong SO-PIN on re-initialization, reference §2.5), so they become a
     * {@link WrongPinException} for the SO-PIN with the tries left unknown.
     */
    static void checkInitialize(ResponseApdu response, String operation, CommandApdu shown) {
        int sw = response.sw();
        if (sw == 0x6985 || sw == 0x6986 || sw == 0x6900) {
            throw new WrongPinException(operation, shown, response.statusWord(), PinReference.SO);
        }
        check(response, operation, shown, PinReference.SO);
    }

    static StatusWordException refusal(StatusWord sw, String operation, CommandApdu shown, PinReference reference) {
        if (sw.isRetryCounter()) {
            return sw.triesLeft() == 0
                    ? new PinBlockedException(operation, shown, sw, reference)
                    : new WrongPinException(operation, shown, sw, reference);
        }
        return switch (sw.value()) {
            case 0x6983 -> new PinBlockedException(operation, shown, sw, reference);
            case 0x6984 -> reference == PinReference.USER
                    ? new TransportPinException(operation, shown, sw)
                    : new StatusWordException(operation, shown, sw);
            case 0x6A88 -> new NotInitializedException(operation, shown, sw);
            default -> new StatusWordException(operation, shown, sw);
        };
    }
}

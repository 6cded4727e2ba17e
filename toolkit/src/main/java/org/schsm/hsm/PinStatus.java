package org.schsm.hsm;

import org.schsm.apdu.StatusWord;

/**
 * What a VERIFY without data (a status query that spends no try) says about one PIN
 * (reference §3.2, and sc-hsm-tool's reading of it in §6).
 *
 * @param triesLeft tries left when the card says so (63Cx, or 0 when blocked); -1 when the
 *                  answer does not carry it (verified, transport PIN, not initialized, unknown)
 */
public record PinStatus(PinReference reference, State state, int triesLeft, StatusWord statusWord) {

    public enum State {
        /** 9000: verified in this session (a verified PIN's counter is at its maximum). */
        VERIFIED,
        /** 63Cx: not verified, x tries left. */
        NOT_VERIFIED,
        /** 6983 (or 63C0): blocked, no tries left. */
        BLOCKED,
        /** 6984 on the user PIN: a transport PIN that must be changed before it can be used. */
        TRANSPORT_PIN,
        /** 6A88: the PIN was never set; the device was never initialized. */
        NOT_INITIALIZED,
        /**
         * Any other SW. For the user PIN sc-hsm-tool reads this as "public key authentication
         * active" (reference §6, open question 2).
         */
        UNKNOWN
    }

    /** Maps the status word of {@code 00 20 00 <ref>} without data. */
    public static PinStatus fromStatusWord(PinReference reference, StatusWord sw) {
        int v = sw.value();
        if (v == 0x9000) {
            return new PinStatus(reference, State.VERIFIED, -1, sw);
        }
        if (sw.isRetryCounter()) {
            int x = sw.triesLeft();
            return new PinStatus(reference, x == 0 ? State.BLOCKED : State.NOT_VERIFIED, x, sw);
        }
        if (v == 0x6983) {
            return new PinStatus(reference, State.BLOCKED, 0, sw);
        }
        if (v == 0x6984 && reference == PinReference.USER) {
            return new PinStatus(reference, State.TRANSPORT_PIN, -1, sw);
        }
        if (v == 0x6A88) {
            return new PinStatus(reference, State.NOT_INITIALIZED, -1, sw);
        }
        return new PinStatus(reference, State.UNKNOWN, -1, sw);
    }

    public boolean isBlocked() {
        return state == State.BLOCKED;
    }

    /** Exactly one try left: the next wrong presentation blocks the PIN. */
    public boolean isLastTry() {
        return state == State.NOT_VERIFIED && triesLeft == 1;
    }

    /** One line as sc-hsm-tool would say it: "SO-PIN tries left: 7", "user PIN blocked". */
    public String describe() {
        String name = reference.label();
        return switch (state) {
            case VERIFIED -> name + " verified in this session";
            case NOT_VERIFIED -> name + " tries left: " + triesLeft;
            case BLOCKED -> name + " blocked";
            case TRANSPORT_PIN -> name + " is a transport PIN: change it before use";
            case NOT_INITIALIZED -> name + " not set: device never initialized";
            case UNKNOWN -> name + " status unknown: card answered " + statusWord
                    + (statusWord.value() == Refusals.SW_COMMAND_NOT_ALLOWED
                            ? " (usually: the SmartCard-HSM application is not selected)" : "");
        };
    }
}

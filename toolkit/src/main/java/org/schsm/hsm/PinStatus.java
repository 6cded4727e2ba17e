package org.schsm.hsm;

import org.schsm.apdu.StatusWord;

/**
 * State of one PIN read with a no-data VERIFY, which spends no try. {@code triesLeft} is -1 when
 * the card does not say (verified, transport PIN, not initialized, unknown).
 */
public record PinStatus(PinReference ref, PinState state, int triesLeft, StatusWord sw) {

    /** Maps the status word of {@code 00 20 00 <ref>} (no data). */
    public static PinStatus fromStatusWord(PinReference ref, StatusWord sw) {
        int v = sw.value();
        if (v == 0x9000) {
            return new PinStatus(ref, PinState.VERIFIED, -1, sw);
        }
        if (sw.isRetryCounter()) {
            int x = sw.triesLeft();
            return new PinStatus(ref, x == 0 ? PinState.BLOCKED : PinState.NOT_VERIFIED, x, sw);
        }
        return switch (v) {
            case 0x6983 -> new PinStatus(ref, PinState.BLOCKED, 0, sw);
            case 0x6984 -> new PinStatus(ref, PinState.TRANSPORT_PIN, -1, sw);
            case 0x6A88 -> new PinStatus(ref, PinState.NOT_INITIALIZED, -1, sw);
            default -> new PinStatus(ref, PinState.UNKNOWN, -1, sw);
        };
    }

    public boolean isBlocked() {
        return state == PinState.BLOCKED;
    }

    /** Exactly one try left: the next wrong presentation blocks the PIN. */
    public boolean isLastTry() {
        return state == PinState.NOT_VERIFIED && triesLeft == 1;
    }

    /** One line such as {@code user PIN: 2 tries left} or {@code SO-PIN: blocked}. */
    public String describe() {
        String what = switch (state) {
            case VERIFIED -> "verified in this session";
            case NOT_VERIFIED -> triesLeft == 1 ? "1 try left" : triesLeft + " tries left";
            case BLOCKED -> "blocked";
            case TRANSPORT_PIN -> "transport PIN active, must be changed first";
            case NOT_INITIALIZED -> "not set, device never initialized";
            case UNKNOWN -> "unknown (" + sw + ")";
        };
        return ref.label() + ": " + what;
    }
}

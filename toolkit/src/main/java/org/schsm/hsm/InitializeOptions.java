package org.schsm.hsm;

import java.util.Objects;
import java.util.OptionalInt;
import org.schsm.InvalidInputException;

/**
 * The data of INITIALIZE DEVICE ({@code 80 50 00 00}), encoded exactly as OpenSC does
 * (reference §2.1-2.3): tags in the order 80 options, 81 user PIN, 82 SO-PIN, 91 retry counter,
 * then 92 DKEK shares when given. Every value is validated when the record is built, so an
 * impossible combination is refused before anything reaches the card.
 *
 * <p>The PIN values stay owned by the caller, who clears them (try-with-resources).
 *
 * @param dkekShares number of DKEK shares (0..255); empty leaves tag 92 out (no DKEK)
 */
public record InitializeOptions(SoPin soPin, Pin userPin, RetryCounter userRetryCounter,
                                OptionalInt dkekShares, DeviceOptions options) {
    private static final int TAG_OPTIONS = 0x80;
    private static final int TAG_USER_PIN = 0x81;
    private static final int TAG_SO_PIN = 0x82;
    private static final int TAG_RETRY_COUNTER = 0x91;
    private static final int TAG_DKEK_SHARES = 0x92;

    public InitializeOptions {
        Objects.requireNonNull(soPin, "soPin");
        Objects.requireNonNull(userPin, "userPin");
        Objects.requireNonNull(userRetryCounter, "userRetryCounter");
        Objects.requireNonNull(dkekShares, "dkekShares");
        Objects.requireNonNull(options, "options");
        userRetryCounter.checkAllowedFor(userPin);
        if (dkekShares.isPresent() && (dkekShares.getAsInt() < 0 || dkekShares.getAsInt() > 255)) {
            throw new InvalidInputException("number of DKEK shares " + dkekShares.getAsInt()
                    + " is out of range 0..255");
        }
    }

    /** Starts with sc-hsm-tool's defaults: retry counter 3, no DKEK, options 0001 (PIN reset allowed). */
    public static Builder builder(SoPin soPin, Pin userPin) {
        return new Builder(soPin, userPin);
    }

    /**
     * The data field. It contains both PINs: the caller must overwrite the returned array after
     * use ({@link SmartCardHsm#initialize} does). Written straight into one array of the exact
     * size so that no intermediate buffer keeps a copy of the PINs.
     */
    byte[] encodeData() {
        int length = 4 + 2 + userPin.length() + 2 + soPin.length() + 3 + (dkekShares.isPresent() ? 3 : 0);
        byte[] out = new byte[length];
        int pos = 0;
        out[pos++] = (byte) TAG_OPTIONS;
        out[pos++] = 2;
        out[pos++] = (byte) (options.word() >> 8);
        out[pos++] = (byte) options.word();
        pos = writeSecret(out, pos, TAG_USER_PIN, userPin);
        pos = writeSecret(out, pos, TAG_SO_PIN, soPin);
        out[pos++] = (byte) TAG_RETRY_COUNTER;
        out[pos++] = 1;
        out[pos++] = (byte) userRetryCounter.value();
        if (dkekShares.isPresent()) {
            out[pos++] = (byte) TAG_DKEK_SHARES;
            out[pos++] = 1;
            out[pos] = (byte) dkekShares.getAsInt();
        }
        return out;
    }

    private static int writeSecret(byte[] out, int pos, int tag, PinValue value) {
        out[pos] = (byte) tag;
        out[pos + 1] = (byte) value.length();
        value.copyInto(out, pos + 2);
        return pos + 2 + value.length();
    }

    /** Assembles {@link InitializeOptions}; {@link #build()} validates. */
    public static final class Builder {
        private final SoPin soPin;
        private final Pin userPin;
        private RetryCounter retryCounter = RetryCounter.DEFAULT;
        private OptionalInt dkekShares = OptionalInt.empty();
        private DeviceOptions options = DeviceOptions.DEFAULT;

        private Builder(SoPin soPin, Pin userPin) {
            this.soPin = soPin;
            this.userPin = userPin;
        }

        /** User-PIN retry counter, 1..10 and no more than the PIN length allows. */
        public Builder retryCounter(int tries) {
            this.retryCounter = new RetryCounter(tries);
            return this;
        }

        /** Number of DKEK shares to import after initialization (enables key backup by wrapping). */
        public Builder dkekShares(int shares) {
            this.dkekShares = OptionalInt.of(shares);
            return this;
        }

        /** Clears option 0001: the SO-PIN will not be able to reset a blocked user PIN. */
        public Builder noPinReset() {
            this.options = options.without(DeviceOption.RESET_RETRY_COUNTER);
            return this;
        }

        /** Sets option 0002: the user PIN is a transport PIN that must be changed before use. */
        public Builder transportPin() {
            this.options = options.with(DeviceOption.TRANSPORT_PIN);
            return this;
        }

        /** Replaces the whole options word (for bits the named methods do not cover). */
        public Builder options(DeviceOptions newOptions) {
            this.options = Objects.requireNonNull(newOptions, "options");
            return this;
        }

        public InitializeOptions build() {
            return new InitializeOptions(soPin, userPin, retryCounter, dkekShares, options);
        }
    }
}

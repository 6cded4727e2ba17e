package org.schsm.hsm;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.schsm.InvalidInputException;

/**
 * Parameters of INITIALIZE DEVICE, encoded as OpenSC does (ref §2.1-2.4): tags 80 options,
 * 81 user PIN, 82 SO-PIN, 91 retry counter, [92 DKEK shares]. Validated when built.
 */
public record InitializeOptions(SoPin soPin, Pin userPin, int retryCounter, OptionalInt dkekShares, int options) {
    public static final int DEFAULT_RETRY_COUNTER = 3;
    public static final int MAX_RETRY_COUNTER = 10;
    public static final int DEFAULT_OPTIONS = DeviceOptions.USER_PIN_RESET;

    public InitializeOptions {
        if (soPin == null) {
            throw new InvalidInputException("the SO-PIN is required to initialize the device");
        }
        if (userPin == null) {
            throw new InvalidInputException("the initial user PIN is required to initialize the device");
        }
        int max = maxRetryCounterFor(userPin.length());
        if (retryCounter < 1 || retryCounter > max) {
            throw new InvalidInputException("user PIN retry counter " + retryCounter + " is out of range: 1.." + max
                    + (max < MAX_RETRY_COUNTER ? " for a " + userPin.length() + "-character PIN (longer PINs allow more)" : ""));
        }
        dkekShares = dkekShares == null ? OptionalInt.empty() : dkekShares;
        if (dkekShares.isPresent() && (dkekShares.getAsInt() < 0 || dkekShares.getAsInt() > 255)) {
            throw new InvalidInputException("number of DKEK shares " + dkekShares.getAsInt() + " is out of range 0..255");
        }
        if (options < 0 || options > 0xFFFF) {
            throw new InvalidInputException("options word " + options + " does not fit in two bytes");
        }
    }

    /** sc-hsm-tool's rule (ref §2.4): 6-character PIN → 3, 7 → 5, otherwise 10. */
    public static int maxRetryCounterFor(int pinLength) {
        if (pinLength <= 6) {
            return 3;
        }
        return pinLength == 7 ? 5 : MAX_RETRY_COUNTER;
    }

    public static Builder builder() {
        return new Builder();
    }

    public DeviceOptions deviceOptions() {
        return new DeviceOptions(options);
    }

    /** Things a caller should warn about; the card accepts them. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (soPin.isDefault()) {
            out.add("the SO-PIN is the documented default " + SoPin.DEFAULT_HEX
                    + ": anyone who finds the device can re-initialize it or reset the user PIN; choose your own");
        }
        if ((options & DeviceOptions.USER_PIN_RESET) == 0) {
            out.add("user PIN reset is disabled: a blocked user PIN can only be fixed by re-initializing, which erases all keys");
        }
        return out;
    }

    /** The data field of {@code 80 50 00 00}. Contains both PINs: the caller must clear it. */
    byte[] encode() {
        if (userPin.isCleared() || soPin.isCleared()) {
            throw new PinFormatException("a PIN of these initialization options has been cleared and can no longer be used");
        }
        int length = 4 + 2 + userPin.length() + 2 + soPin.length() + 3 + (dkekShares.isPresent() ? 3 : 0);
        byte[] data = new byte[length];
        int pos = 0;
        data[pos++] = (byte) 0x80;
        data[pos++] = 2;
        data[pos++] = (byte) (options >> 8);
        data[pos++] = (byte) options;
        data[pos++] = (byte) 0x81;
        data[pos++] = (byte) userPin.length();
        userPin.copyTo(data, pos);
        pos += userPin.length();
        data[pos++] = (byte) 0x82;
        data[pos++] = (byte) soPin.length();
        soPin.copyTo(data, pos);
        pos += soPin.length();
        data[pos++] = (byte) 0x91;
        data[pos++] = 1;
        data[pos++] = (byte) retryCounter;
        if (dkekShares.isPresent()) {
            data[pos++] = (byte) 0x92;
            data[pos++] = 1;
            data[pos] = (byte) dkekShares.getAsInt();
        }
        return data;
    }

    /** Builder with sc-hsm-tool's defaults: retry counter 3, options 0001, no DKEK shares. */
    public static final class Builder {
        private SoPin soPin;
        private Pin userPin;
        private int retryCounter = DEFAULT_RETRY_COUNTER;
        private OptionalInt dkekShares = OptionalInt.empty();
        private int options = DEFAULT_OPTIONS;

        private Builder() {
        }

        public Builder soPin(SoPin value) {
            this.soPin = value;
            return this;
        }

        public Builder userPin(Pin value) {
            this.userPin = value;
            return this;
        }

        public Builder retryCounter(int value) {
            this.retryCounter = value;
            return this;
        }

        public Builder dkekShares(int value) {
            this.dkekShares = OptionalInt.of(value);
            return this;
        }

        /** Replaces the whole options word. */
        public Builder options(int value) {
            this.options = value;
            return this;
        }

        /** Clears option 0001: no RESET RETRY COUNTER, a blocked user PIN then needs re-initialization. */
        public Builder noPinReset() {
            this.options &= ~DeviceOptions.USER_PIN_RESET;
            return this;
        }

        /** Sets option 0002: the initial user PIN is a transport PIN the holder must change first. */
        public Builder transportPin() {
            this.options |= DeviceOptions.TRANSPORT_PIN;
            return this;
        }

        public InitializeOptions build() {
            return new InitializeOptions(soPin, userPin, retryCounter, dkekShares, options);
        }
    }
}

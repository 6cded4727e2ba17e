package org.schsm.apdu;

import java.util.Arrays;

/** A response APDU: response data followed by the two status bytes. */
public final class ResponseApdu {
    private final byte[] data;
    private final StatusWord sw;

    public ResponseApdu(byte[] data, StatusWord sw) {
        this(sw, data == null ? new byte[0] : data.clone());
    }

    /** Takes {@code ownedData} as is: for arrays nobody else holds, saving a copy per APDU. */
    private ResponseApdu(StatusWord sw, byte[] ownedData) {
        this.data = ownedData;
        this.sw = sw;
    }

    public ResponseApdu(byte[] data, int sw) {
        this(data, new StatusWord(sw));
    }

    /** Splits raw response bytes; fewer than two bytes is not a response. */
    public static ResponseApdu decode(byte[] raw) {
        if (raw == null || raw.length < 2) {
            throw new ApduFormatException("a response APDU needs at least the two status bytes, got "
                    + (raw == null ? 0 : raw.length), -1);
        }
        int n = raw.length;
        return new ResponseApdu(StatusWord.of(raw[n - 2], raw[n - 1]), Arrays.copyOf(raw, n - 2));
    }

    public byte[] data() {
        return data.clone();
    }

    /** Length of the data without copying it. */
    public int dataLength() {
        return data.length;
    }

    public StatusWord statusWord() {
        return sw;
    }

    public int sw() {
        return sw.value();
    }

    public boolean isOk() {
        return sw.value() == 0x9000;
    }

    public byte[] bytes() {
        byte[] out = Arrays.copyOf(data, data.length + 2);
        out[data.length] = (byte) sw.sw1();
        out[data.length + 1] = (byte) sw.sw2();
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResponseApdu other && other.sw.equals(sw) && Arrays.equals(other.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + sw.hashCode();
    }

    /** {@code 6F 1A ... 9000 (success)}, or just the status word when there is no data. */
    @Override
    public String toString() {
        return data.length == 0 ? sw.toString() : Hex.spaced(data) + " " + sw;
    }
}

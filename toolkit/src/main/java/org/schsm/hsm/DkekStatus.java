package org.schsm.hsm;

import java.util.Arrays;
import java.util.Optional;
import org.schsm.apdu.Hex;
import org.schsm.apdu.ResponseApdu;

/** Answer of IMPORT DKEK SHARE without data, {@code 80 52 00 00 00} (ref §6). */
public record DkekStatus(int total, int outstanding, byte[] kcv) {

    public DkekStatus {
        kcv = kcv == null ? new byte[0] : kcv.clone();
    }

    /**
     * Parses the response: {@code [total][outstanding][8-byte KCV]} with 9000; empty when the
     * card answers {@code 6D00} or {@code 6A88} (not supported / not initialized for DKEK shares).
     */
    static Optional<DkekStatus> parse(ResponseApdu r) {
        if (r.sw() == 0x6D00 || r.sw() == 0x6A88) {
            return Optional.empty();
        }
        byte[] d = r.data();
        if (!r.isOk() || d.length < 2) {
            throw new UnexpectedResponseException("DKEK status query answered " + r.statusWord()
                    + " with " + d.length + " data bytes; expected at least 2 bytes and 9000");
        }
        return Optional.of(new DkekStatus(d[0] & 0xFF, d[1] & 0xFF, Arrays.copyOfRange(d, 2, Math.min(d.length, 10))));
    }

    @Override
    public byte[] kcv() {
        return kcv.clone();
    }

    /** The key check value in hex, meaningful only when nothing is outstanding. */
    public String kcvHex() {
        return Hex.encode(kcv);
    }

    public boolean complete() {
        return total > 0 && outstanding == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DkekStatus other && other.total == total && other.outstanding == outstanding
                && Arrays.equals(other.kcv, kcv);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * total + outstanding) + Arrays.hashCode(kcv);
    }

    @Override
    public String toString() {
        return "DkekStatus[total=" + total + ", outstanding=" + outstanding + ", kcv=" + kcvHex() + "]";
    }
}

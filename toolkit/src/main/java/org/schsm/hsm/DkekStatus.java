package org.schsm.hsm;

import org.schsm.apdu.Hex;

/**
 * Answer of IMPORT DKEK SHARE without data ({@code 80 52 00 00 00}): how many DKEK shares the
 * device was initialized for, how many are still to be imported, and the key check value of
 * the assembled DKEK (reference §6, §8). Keys can be wrapped (backed up) and unwrapped only
 * once every share is in.
 *
 * @param keyCheckValue 16 hex digits; meaningful only when nothing is outstanding
 */
public record DkekStatus(int totalShares, int outstandingShares, String keyCheckValue) {

    static DkekStatus decode(byte[] data) {
        if (data.length < 10) {
            throw new MalformedResponseException("DKEK status has " + data.length
                    + " bytes; the SmartCard-HSM answers at least 10 (shares, outstanding, 8-byte KCV)");
        }
        return new DkekStatus(data[0] & 0xFF, data[1] & 0xFF, Hex.encode(data, 2, 8));
    }

    /** Shares were announced at initialization (tag 92), so key backup by wrapping is possible. */
    public boolean isConfigured() {
        return totalShares > 0;
    }

    public boolean isComplete() {
        return outstandingShares == 0;
    }

    /** The lines sc-hsm-tool prints. */
    public String describe() {
        StringBuilder sb = new StringBuilder("DKEK shares: ").append(totalShares);
        if (outstandingShares > 0) {
            sb.append("; DKEK import pending, ").append(outstandingShares).append(" share(s) still missing");
        } else if (totalShares > 0) {
            sb.append("; DKEK key check value: ").append(keyCheckValue);
        }
        return sb.toString();
    }
}

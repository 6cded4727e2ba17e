package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * IMPORT DKEK SHARE {@code 80 52 00 00}: without data a status query, with 32 bytes one share
 * that is XORed into the DKEK. Both answer {@code [shares][outstanding][8-byte KCV]}; the KCV is
 * the first 8 bytes of SHA-256 over the DKEK once every announced share is in, zero before.
 * Refusals: 6D00 before initialization (sc-hsm-tool reads it as "no key shares here"), 6A88 when
 * no share is expected (no tag 92, or 92 = 00 and the card's own random DKEK), 6986 when every
 * share is in, 6700 for a share that is not 32 bytes. The share is wiped from the buffer on
 * every path.
 */
final class DkekCommand implements Command {
    private static final short SHARE_LENGTH = 32;
    private static final short KCV_LENGTH = 8;
    private static final short STATUS_LENGTH = (short) (2 + KCV_LENGTH);

    private final DeviceState state;
    private final KeyBlobCrypto crypto;

    DkekCommand(DeviceState state, KeyBlobCrypto crypto) {
        this.state = state;
        this.crypto = crypto;
    }

    public void process(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short nc = Io.receive(apdu);
        short off = apdu.getOffsetCdata();
        try {
            checkAndImport(buf, off, nc);
        } finally {
            Util.arrayFillNonAtomic(buf, off, nc, (byte) 0);
        }
        buf[0] = state.dkekTotal();
        buf[1] = state.dkekOutstanding();
        if (state.dkekComplete()) {
            crypto.kcv(buf, (short) 2);
        } else {
            Util.arrayFillNonAtomic(buf, (short) 2, KCV_LENGTH, (byte) 0);
        }
        Io.send(apdu, buf, (short) 0, STATUS_LENGTH);
    }

    private void checkAndImport(byte[] buf, short off, short nc) {
        if (Util.getShort(buf, ISO7816.OFFSET_P1) != 0) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        if (!state.isInitialized()) {
            // sc-hsm-tool reads 6D00 as "not initialized for key shares" and stops quietly.
            ISOException.throwIt(Sw.INS_NOT_SUPPORTED);
        }
        if (nc == 0) {
            return;
        }
        if (nc != SHARE_LENGTH) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        if (state.dkekTotal() == 0) {
            ISOException.throwIt(Sw.REFERENCED_DATA_NOT_FOUND);
        }
        if (state.dkekOutstanding() == 0) {
            ISOException.throwIt(Sw.COMMAND_NOT_ALLOWED);
        }
        state.mem.begin();
        state.addDkekShare(buf, off);
        state.mem.commit();
    }
}

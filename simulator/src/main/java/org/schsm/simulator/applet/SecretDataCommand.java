package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.Util;

/**
 * A command whose data carries PINs or an SO-PIN (VERIFY, CHANGE REFERENCE DATA, RESET RETRY
 * COUNTER, INITIALIZE DEVICE): receives the data, hands it to {@link #process(APDU, byte[], short, short)}
 * and clears it from the APDU buffer afterwards, on every path, the card's answer included.
 */
abstract class SecretDataCommand implements Command {
    public final void process(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short nc = Io.receive(apdu);
        short off = apdu.getOffsetCdata();
        try {
            process(apdu, buf, off, nc);
        } finally {
            Util.arrayFillNonAtomic(buf, off, nc, (byte) 0);
        }
    }

    /** The command on its received data, {@code nc} bytes at {@code off} in {@code buf}. */
    abstract void process(APDU apdu, byte[] buf, short off, short nc);
}

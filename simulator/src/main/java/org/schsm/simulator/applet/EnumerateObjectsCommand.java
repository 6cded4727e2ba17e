package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * ENUMERATE OBJECTS {@code 80 58 00 00}: the 2-byte FIDs of every EF and every key, keys last,
 * with no wrapper. The real card lists EF.C_DevAut 2F02 and the device key CC00 too (a real
 * listing in reference §1.1; pico lists fewer, §10 #1).
 */
final class EnumerateObjectsCommand implements Command {
    private final FileStore files;
    private final KeyStore keys;
    private final byte[] work;

    EnumerateObjectsCommand(FileStore files, KeyStore keys, byte[] work) {
        this.files = files;
        this.keys = keys;
        this.work = work;
    }

    public void process(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        Io.receiveNone(apdu);
        if (Util.getShort(buf, ISO7816.OFFSET_P1) != 0) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        short len = files.listFids(null, work, (short) 0);
        len = (short) (len + keys.listFids(work, len));
        Io.send(apdu, work, (short) 0, len);
    }
}

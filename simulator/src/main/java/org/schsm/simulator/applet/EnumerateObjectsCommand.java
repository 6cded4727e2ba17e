package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;

/** ENUMERATE OBJECTS {@code 80 58 00 00}: FIDs of keys, certificates and data objects. */
final class EnumerateObjectsCommand implements Command {
    /** High bytes of the FIDs listed (card-sc-hsm.h prefixes). */
    private static final byte[] OBJECT_PREFIXES = {
        (byte) 0xC4, (byte) 0xC8, (byte) 0xC9, (byte) 0xCA,
        (byte) 0xCC, (byte) 0xCD, (byte) 0xCE, (byte) 0xCF
    };

    private final FileStore files;

    EnumerateObjectsCommand(FileStore files) {
        this.files = files;
    }

    public void process(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        Io.receiveNone(apdu);
        if (Util.getShort(buf, ISO7816.OFFSET_P1) != 0) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        short len = files.listFids(OBJECT_PREFIXES, buf, (short) 0);
        Io.send(apdu, buf, (short) 0, len);
    }
}

package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * DELETE FILE {@code 00 E4 02 00 02 <FID>}: an EF, or a key ({@code CCxx}: the key is gone, its
 * CExx and C4xx stay until deleted on their own, as OpenSC does). Needs a verified user PIN;
 * EF.C_DevAut and the device key CC00 are refused with 6982.
 */
final class DeleteFileCommand implements Command {
    private final FileStore files;
    private final KeyStore keys;
    private final Session session;

    DeleteFileCommand(FileStore files, KeyStore keys, Session session) {
        this.files = files;
        this.keys = keys;
        this.session = session;
    }

    public void process(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short nc = Io.receive(apdu);
        if (Util.getShort(buf, ISO7816.OFFSET_P1) != 0x0200) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        if (nc != 2) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        short fid = Util.getShort(buf, apdu.getOffsetCdata());
        if ((byte) (fid >> 8) == KeyStore.PREFIX) {
            deleteKey(fid);
            return;
        }
        FileAccess.requireWritable(fid, session);
        short entry = files.find(fid);
        if (entry == FileStore.NONE) {
            ISOException.throwIt(Sw.FILE_NOT_FOUND);
        }
        files.delete(entry);
        if (session.currentEf() == fid) {
            session.setCurrentEf((short) 0);
        }
    }

    private void deleteKey(short fid) {
        if (!session.userVerified() || fid == KeyStore.DEVICE_KEY) {
            ISOException.throwIt(Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
        short entry = keys.find(fid);
        if (entry == FileStore.NONE) {
            ISOException.throwIt(Sw.FILE_NOT_FOUND);
        }
        keys.delete(entry);
    }
}

package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;

/** DELETE FILE {@code 00 E4 02 00 02 <FID>}. Needs a verified user PIN. */
final class DeleteFileCommand implements Command {
    private final FileStore files;
    private final Session session;

    DeleteFileCommand(FileStore files, Session session) {
        this.files = files;
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
}

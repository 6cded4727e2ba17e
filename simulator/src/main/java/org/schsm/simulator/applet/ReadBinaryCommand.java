package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISOException;

/**
 * READ BINARY, odd INS: {@code 00 B1 <FID> 04 54 02 <offset> Le}; FID 0000 reads the current EF.
 * Returns min(Ne, bytes after offset). When an explicit Ne is not reached the data comes with
 * 6282 (the vendor's hosts stop reading there); Le 00 / 0000 / absent means "what is there" and
 * ends with 9000.
 */
final class ReadBinaryCommand implements Command {
    private final FileStore files;
    private final KeyStore keys;
    private final Session session;

    ReadBinaryCommand(FileStore files, KeyStore keys, Session session) {
        this.files = files;
        this.keys = keys;
        this.session = session;
    }

    public void process(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short nc = Io.receive(apdu);
        short fid = FileAccess.resolveFid(buf, session);
        short offset = OffsetDataObjects.parseOffset(buf, apdu.getOffsetCdata(), nc);
        if ((byte) (fid >> 8) == KeyStore.PREFIX) {
            // a key is never readable; one that is not there is not found
            ISOException.throwIt(keys.find(fid) == FileStore.NONE ? Sw.FILE_NOT_FOUND : Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
        short entry = files.find(fid);
        if (entry == FileStore.NONE) {
            ISOException.throwIt(Sw.FILE_NOT_FOUND);
        }
        FileAccess.requireReadable(fid, session);
        session.setCurrentEf(fid);
        short size = files.size(entry);
        if (offset > size) {
            ISOException.throwIt(Sw.WRONG_P1P2);
        }
        short limit = Io.limit(apdu);
        short le = apdu.setOutgoing();
        boolean whatIsThere = le <= 0 || le >= limit;
        short ne = whatIsThere ? limit : le;
        short available = (short) (size - offset);
        short n = available < ne ? available : ne;
        Io.sendPrepared(apdu, files.array(), (short) (files.dataOffset(entry) + offset), n);
        if (!whatIsThere && n < ne) {
            ISOException.throwIt(Sw.END_OF_FILE);
        }
    }
}

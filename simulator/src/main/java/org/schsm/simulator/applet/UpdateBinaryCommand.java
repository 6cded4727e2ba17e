package org.schsm.simulator.applet;

import javacard.framework.APDU;

/**
 * UPDATE BINARY, odd INS: {@code 00 D7 <FID> 54 0x <offset> 53 <len> <data>}; FID 0000 writes
 * the current EF. Creates the file when it is missing (with {@code 53 00}: an empty EF) and grows
 * it as needed; the file becomes the current EF, as OpenSC's create-then-write relies on. Needs a
 * verified user PIN; EF.C_DevAut and key files (CCxx) are refused.
 */
final class UpdateBinaryCommand implements Command {
    private final FileStore files;
    private final Session session;
    private final OffsetDataObjects dos;

    UpdateBinaryCommand(FileStore files, Session session, OffsetDataObjects dos) {
        this.files = files;
        this.session = session;
        this.dos = dos;
    }

    public void process(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short nc = Io.receive(apdu);
        short fid = FileAccess.resolveFid(buf, session);
        dos.parseOffsetAndData(buf, apdu.getOffsetCdata(), nc);
        FileAccess.requireWritable(fid, session);
        files.write(fid, dos.offset(), buf, dos.dataOffset(), dos.dataLength());
        session.setCurrentEf(fid);
    }
}

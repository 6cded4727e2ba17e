package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * Simulator personalisation {@code 80 DA 2F 02 54 0x <offset> 53 <len> <data>}: writes
 * EF.C_DevAut like UPDATE BINARY, but only before the first INITIALIZE DEVICE (6985 after), as a
 * factory would.
 */
final class PersonaliseCommand implements Command {
    private final FileStore files;
    private final DeviceState state;
    private final OffsetDataObjects dos;

    PersonaliseCommand(FileStore files, DeviceState state, OffsetDataObjects dos) {
        this.files = files;
        this.state = state;
        this.dos = dos;
    }

    public void process(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short nc = Io.receive(apdu);
        if (Util.getShort(buf, ISO7816.OFFSET_P1) != FileAccess.FID_DEVICE_CERTIFICATE) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        dos.parseOffsetAndData(buf, apdu.getOffsetCdata(), nc);
        if (state.isInitialized()) {
            ISOException.throwIt(Sw.CONDITIONS_NOT_SATISFIED);
        }
        files.write(FileAccess.FID_DEVICE_CERTIFICATE, dos.offset(), buf, dos.dataOffset(), dos.dataLength());
    }
}

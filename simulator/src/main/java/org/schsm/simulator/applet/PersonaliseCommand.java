package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * Simulator personalisation, what a factory does once, before the first INITIALIZE DEVICE (6985
 * afterwards):
 * <ul>
 * <li>{@code 80 DA 2F 02 54 0x <offset> 53 <len> <data>} writes EF.C_DevAut like UPDATE BINARY;
 * <li>{@code 80 DA CC 00 <81 p 82 a 83 b 84 G 85 n 87 cofactor 86 Q 8A d>} installs the device
 * authentication key (6A89 when there is one already).
 * </ul>
 * Other P1P2 answer 6A86.
 */
final class PersonaliseCommand implements Command {
    private static final short TAG_PRIVATE_VALUE = 0x8A;

    private final FileStore files;
    private final KeyStore keys;
    private final DeviceState state;
    private final OffsetDataObjects dos;
    private final Tlv tlv;
    private final byte[] work;

    PersonaliseCommand(FileStore files, KeyStore keys, DeviceState state, OffsetDataObjects dos, Tlv tlv,
            byte[] work) {
        this.files = files;
        this.keys = keys;
        this.state = state;
        this.dos = dos;
        this.tlv = tlv;
        this.work = work;
    }

    public void process(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short nc = Io.receive(apdu);
        short in = apdu.getOffsetCdata();
        try {
            short target = Util.getShort(buf, ISO7816.OFFSET_P1);
            if (target == FileAccess.FID_DEVICE_CERTIFICATE) {
                dos.parseOffsetAndData(buf, in, nc);
                refuseAfterInitialization();
                files.write(FileAccess.FID_DEVICE_CERTIFICATE, dos.offset(), buf, dos.dataOffset(), dos.dataLength());
            } else if (target == KeyStore.DEVICE_KEY) {
                refuseAfterInitialization();
                installDeviceKey(buf, in, (short) (in + nc));
            } else {
                ISOException.throwIt(Sw.INCORRECT_P1P2);
            }
        } finally {
            Util.arrayFillNonAtomic(buf, in, nc, (byte) 0);
        }
    }

    private void refuseAfterInitialization() {
        if (state.isInitialized()) {
            ISOException.throwIt(Sw.CONDITIONS_NOT_SATISFIED);
        }
    }

    private void installDeviceKey(byte[] buf, short off, short end) {
        tlv.require(buf, off, end, (short) 0x81);
        short bits = KeyObjects.bitLength(buf, tlv.valueOffset(), tlv.valueLength());
        KeyObjects.ecIndex(bits);
        short pos = KeyStore.header(work, (short) 0, KeyStore.TYPE_EC, bits, (byte) 0, (byte) 0);
        pos = copy(buf, off, end, (short) 0x81, pos);
        pos = copy(buf, off, end, (short) 0x82, pos);
        pos = copy(buf, off, end, (short) 0x83, pos);
        pos = copy(buf, off, end, (short) 0x84, pos);
        pos = copy(buf, off, end, (short) 0x85, pos);
        pos = copy(buf, off, end, (short) 0x87, pos);
        pos = copy(buf, off, end, TAG_PRIVATE_VALUE, pos);
        pos = copy(buf, off, end, (short) 0x86, pos);
        try {
            keys.add(KeyStore.DEVICE_KEY, work, (short) 0, pos);
        } finally {
            Util.arrayFillNonAtomic(work, (short) 0, pos, (byte) 0);
        }
    }

    private short copy(byte[] buf, short off, short end, short tag, short pos) {
        tlv.require(buf, off, end, tag);
        return KeyStore.append(work, pos, buf, tlv.valueOffset(), tlv.valueLength());
    }
}

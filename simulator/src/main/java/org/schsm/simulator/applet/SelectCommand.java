package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * SELECT {@code 00 A4}: by FID (P1 00, the EF becomes the current EF and its FCP is answered)
 * or by DF name (P1 04, the SmartCard-HSM AID: logs out and answers the application FCP). P2 00
 * or 04 ask for the FCP, 0C for no data. Also answers the SELECT the runtime routes to the applet.
 */
final class SelectCommand implements Command {
    private final DeviceState state;
    private final FileStore files;
    private final KeyStore keys;
    private final Session session;

    SelectCommand(DeviceState state, FileStore files, KeyStore keys, Session session) {
        this.state = state;
        this.files = files;
        this.keys = keys;
        this.session = session;
    }

    /** The SELECT by AID the runtime routed to us: FCP unless P2 asks for no response data. */
    void answerApplicationSelect(APDU apdu) {
        Io.receive(apdu);
        byte p2 = apdu.getBuffer()[ISO7816.OFFSET_P2];
        if ((p2 & 0x0C) != 0x0C) {
            sendApplicationFcp(apdu);
        }
    }

    /**
     * A SELECT the runtime did not treat as applet selection: by FID (P1 00), or by DF name
     * (P1 04) for an AID that is not ours, or ours in an extended-length APDU.
     */
    public void process(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short nc = Io.receive(apdu);
        byte p1 = buf[ISO7816.OFFSET_P1];
        byte p2 = buf[ISO7816.OFFSET_P2];
        if (p2 != 0x00 && p2 != 0x04 && p2 != 0x0C) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        boolean wantFcp = p2 != 0x0C;
        if (p1 == 0x00) {
            selectByFid(apdu, nc, wantFcp);
        } else if (p1 == 0x04) {
            byte[] aid = SmartCardHsmApplet.AID;
            if (nc != aid.length
                    || Util.arrayCompare(buf, apdu.getOffsetCdata(), aid, (short) 0, nc) != 0) {
                ISOException.throwIt(Sw.FILE_NOT_FOUND);
            }
            session.logout();
            if (wantFcp) {
                sendApplicationFcp(apdu);
            }
        } else {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
    }

    /**
     * Data is a 2-byte FID; the EF becomes the current EF. A key (CCxx) is found too and reports
     * size 0, as the real card's key EFs do (reference §1.1); a key other than the device key
     * adds what it may do ({@link KeyStore#usage}: uses left, algorithm list, key domain) as
     * proprietary information A5.
     */
    private void selectByFid(APDU apdu, short nc, boolean wantFcp) {
        byte[] buf = apdu.getBuffer();
        if (nc != 2) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        short fid = Util.getShort(buf, apdu.getOffsetCdata());
        boolean key = (byte) (fid >> 8) == KeyStore.PREFIX;
        short entry = key ? keys.find(fid) : files.find(fid);
        if (entry == FileStore.NONE) {
            ISOException.throwIt(Sw.FILE_NOT_FOUND);
        }
        session.setCurrentEf(fid);
        if (wantFcp) {
            short len = efFcp(buf, fid, key ? 0 : files.size(entry));
            if (key && fid != KeyStore.DEVICE_KEY) {
                len = keys.usage(entry, buf, len);
                buf[1] = (byte) (len - 2);
            }
            Io.send(apdu, buf, (short) 0, len);
        }
    }

    /** {@code 62 0B 80 02 <size> 82 01 01 83 02 <fid>}: a transparent working EF. */
    private static short efFcp(byte[] buf, short fid, short size) {
        buf[0] = 0x62;
        buf[1] = 0x0B;
        buf[2] = (byte) 0x80;
        buf[3] = 0x02;
        Util.setShort(buf, (short) 4, size);
        buf[6] = (byte) 0x82;
        buf[7] = 0x01;
        buf[8] = 0x01;
        buf[9] = (byte) 0x83;
        buf[10] = 0x02;
        Util.setShort(buf, (short) 11, fid);
        return 13;
    }

    /**
     * {@code 62 17 82 01 38 84 0B <AID> 85 05 <options(2)> <build> <major> <minor>}: OpenSC
     * reads major/minor from the last two bytes of tag 85 and the options low byte from [n-4].
     */
    private void sendApplicationFcp(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        byte[] aid = SmartCardHsmApplet.AID;
        short p = 0;
        buf[p++] = 0x62;
        buf[p++] = 0x17;
        buf[p++] = (byte) 0x82;
        buf[p++] = 0x01;
        buf[p++] = 0x38;
        buf[p++] = (byte) 0x84;
        buf[p++] = (byte) aid.length;
        p = Util.arrayCopyNonAtomic(aid, (short) 0, buf, p, (short) aid.length);
        buf[p++] = (byte) 0x85;
        buf[p++] = 0x05;
        p = Util.setShort(buf, p, state.options());
        buf[p++] = SmartCardHsmApplet.BUILD_TYPE;
        buf[p++] = SmartCardHsmApplet.VERSION_MAJOR;
        buf[p++] = SmartCardHsmApplet.VERSION_MINOR;
        Io.send(apdu, buf, (short) 0, p);
    }
}

package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * SELECT FILE by FID, READ BINARY (odd INS B1), UPDATE BINARY (odd INS D7), DELETE FILE (E4),
 * ENUMERATE OBJECTS (80 58) and the simulator's one-time personalisation of EF.C_DevAut
 * (80 DA 2F 02), all over {@link FileStore}.
 */
final class FileCommands {
    static final short FID_DEVICE_CERTIFICATE = 0x2F02;

    private static final byte TAG_OFFSET = 0x54;
    private static final byte TAG_DATA = 0x53;
    private static final byte PREFIX_KEY = (byte) 0xCC;
    private static final byte PREFIX_PROTECTED_DATA = (byte) 0xCD;
    private static final short FID_MF = 0x3F00;
    private static final short FID_RESERVED = (short) 0xFFFF;

    /** High bytes of the FIDs ENUMERATE OBJECTS lists (card-sc-hsm.h prefixes). */
    private static final byte[] OBJECT_PREFIXES = {
        (byte) 0xC4, (byte) 0xC8, (byte) 0xC9, (byte) 0xCA,
        (byte) 0xCC, (byte) 0xCD, (byte) 0xCE, (byte) 0xCF
    };

    /** Result of parsing 54/53 DOs: file offset, data offset in the buffer, data length. */
    private static final short P_OFFSET = 0;
    private static final short P_DATA_OFF = 1;
    private static final short P_DATA_LEN = 2;

    private final FileStore files;
    private final DeviceState state;
    private final Session session;
    private final short[] parsed;

    FileCommands(FileStore files, DeviceState state, Session session) {
        this.files = files;
        this.state = state;
        this.session = session;
        parsed = JCSystem.makeTransientShortArray((short) 3, JCSystem.CLEAR_ON_DESELECT);
    }

    /** SELECT with P1 00: data is a 2-byte FID; P2 00/04 answers an FCP, 0C nothing. */
    void selectByFid(APDU apdu, short nc, boolean wantFcp) {
        byte[] buf = apdu.getBuffer();
        if (nc != 2) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        short fid = Util.getShort(buf, apdu.getOffsetCdata());
        short entry = files.find(fid);
        if (entry == FileStore.NONE) {
            ISOException.throwIt(Sw.FILE_NOT_FOUND);
        }
        session.setCurrentEf(fid);
        if (wantFcp) {
            short len = efFcp(buf, fid, files.size(entry));
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
     * READ BINARY {@code 00 B1 <FID> 54 0x <offset> Le}; FID 0000 reads the current EF. Returns
     * min(Ne, bytes after offset). When an explicit Ne is not reached the data comes with 6282;
     * Le 00 / 0000 / absent means "what is there" and ends with 9000.
     */
    void readBinary(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short nc = Io.receive(apdu);
        short cdata = apdu.getOffsetCdata();
        short fid = resolveFid(buf);
        short offset = parseOffset(buf, cdata, nc);
        short entry = files.find(fid);
        if (entry == FileStore.NONE) {
            ISOException.throwIt(Sw.FILE_NOT_FOUND);
        }
        byte prefix = (byte) (fid >> 8);
        if (prefix == PREFIX_KEY || (prefix == PREFIX_PROTECTED_DATA && !session.userVerified())) {
            ISOException.throwIt(Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
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

    /**
     * UPDATE BINARY {@code 00 D7 <FID> 54 0x <offset> 53 <len> <data>}; creates and grows the
     * file as needed. Needs a verified user PIN; EF.C_DevAut and key files (CCxx) are refused.
     */
    void updateBinary(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short nc = Io.receive(apdu);
        short fid = resolveFid(buf);
        parseOffsetAndData(buf, apdu.getOffsetCdata(), nc);
        requireUserFor(fid);
        files.write(fid, parsed[P_OFFSET], buf, parsed[P_DATA_OFF], parsed[P_DATA_LEN]);
        session.setCurrentEf(fid);
    }

    /** DELETE FILE {@code 00 E4 02 00 02 <FID>}. Needs a verified user PIN. */
    void deleteFile(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short nc = Io.receive(apdu);
        if (Util.getShort(buf, ISO7816.OFFSET_P1) != 0x0200) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        if (nc != 2) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        short fid = Util.getShort(buf, apdu.getOffsetCdata());
        requireUserFor(fid);
        short entry = files.find(fid);
        if (entry == FileStore.NONE) {
            ISOException.throwIt(Sw.FILE_NOT_FOUND);
        }
        files.delete(entry);
        if (session.currentEf() == fid) {
            session.setCurrentEf((short) 0);
        }
    }

    /** ENUMERATE OBJECTS {@code 80 58 00 00}: FIDs of keys, certificates and data objects. */
    void enumerateObjects(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        Io.receiveNone(apdu);
        if (Util.getShort(buf, ISO7816.OFFSET_P1) != 0) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        short len = files.listFids(OBJECT_PREFIXES, buf, (short) 0);
        Io.send(apdu, buf, (short) 0, len);
    }

    /**
     * Simulator personalisation {@code 80 DA 2F 02 54 0x <offset> 53 <len> <data>}: writes
     * EF.C_DevAut like UPDATE BINARY, but only before the first INITIALIZE DEVICE (6985 after).
     */
    void personalise(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short nc = Io.receive(apdu);
        if (Util.getShort(buf, ISO7816.OFFSET_P1) != FID_DEVICE_CERTIFICATE) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        parseOffsetAndData(buf, apdu.getOffsetCdata(), nc);
        if (state.isInitialized()) {
            ISOException.throwIt(Sw.CONDITIONS_NOT_SATISFIED);
        }
        files.write(FID_DEVICE_CERTIFICATE, parsed[P_OFFSET], buf, parsed[P_DATA_OFF], parsed[P_DATA_LEN]);
    }

    private void requireUserFor(short fid) {
        if (fid == FID_MF || fid == FID_RESERVED) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        if (!session.userVerified() || fid == FID_DEVICE_CERTIFICATE || (byte) (fid >> 8) == PREFIX_KEY) {
            ISOException.throwIt(Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
    }

    /** P1P2 as FID; 0000 means the current EF (6986 when there is none). */
    private short resolveFid(byte[] buf) {
        short fid = Util.getShort(buf, ISO7816.OFFSET_P1);
        if (fid == 0) {
            fid = session.currentEf();
            if (fid == 0) {
                ISOException.throwIt(Sw.COMMAND_NOT_ALLOWED);
            }
        }
        return fid;
    }

    /** Parses exactly one offset DO {@code 54 01|02 <offset>} filling the data field. */
    private static short parseOffset(byte[] buf, short off, short nc) {
        if (nc == 0) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        short end = readOffsetDo(buf, off, (short) (off + nc));
        if (end != (short) (off + nc)) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        return offsetValue(buf, off);
    }

    /** Parses {@code 54 ..} followed by {@code 53 L ..} that ends exactly at the data end. */
    private void parseOffsetAndData(byte[] buf, short off, short nc) {
        if (nc == 0) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        short end = (short) (off + nc);
        short pos = readOffsetDo(buf, off, end);
        parsed[P_OFFSET] = offsetValue(buf, off);
        if ((short) (end - pos) < 2 || buf[pos] != TAG_DATA) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        pos++;
        short len = (short) (buf[pos] & 0xFF);
        pos++;
        if (len == 0x81 || len == 0x82) {
            short extra = (short) (len - 0x80);
            if ((short) (end - pos) < extra) {
                ISOException.throwIt(Sw.WRONG_DATA);
            }
            len = extra == 1 ? (short) (buf[pos] & 0xFF) : Util.getShort(buf, pos);
            pos = (short) (pos + extra);
        } else if (len > 0x7F) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        if (len < 0 || len != (short) (end - pos)) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        parsed[P_DATA_OFF] = pos;
        parsed[P_DATA_LEN] = len;
    }

    /** Checks {@code 54 01 xx} or {@code 54 02 xx xx} at {@code off}; returns the offset after it. */
    private static short readOffsetDo(byte[] buf, short off, short end) {
        if ((short) (end - off) < 3 || buf[off] != TAG_OFFSET) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        byte len = buf[(short) (off + 1)];
        if ((len != 1 && len != 2) || (short) (end - off - 2) < len) {
            ISOException.throwIt(Sw.WRONG_DATA);
        }
        return (short) (off + 2 + len);
    }

    /** The offset encoded by a DO already checked by {@link #readOffsetDo}; 6B00 past 7FFF. */
    private static short offsetValue(byte[] buf, short off) {
        short value = buf[(short) (off + 1)] == 1
                ? (short) (buf[(short) (off + 2)] & 0xFF)
                : Util.getShort(buf, (short) (off + 2));
        if (value < 0) {
            ISOException.throwIt(Sw.WRONG_P1P2);
        }
        return value;
    }
}

package org.schsm.simulator.applet;

import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.Util;

/**
 * Who may read and write which EF, and which EF P1P2 names; shared by the file commands.
 * Prefixes are the high byte of the FID (card-sc-hsm.h): CC keys, CD PIN-protected data.
 */
final class FileAccess {
    /** EF.C_DevAut: device CV certificate followed by its issuer's. */
    static final short FID_DEVICE_CERTIFICATE = 0x2F02;

    static final byte PREFIX_KEY = (byte) 0xCC;
    static final byte PREFIX_PROTECTED_DATA = (byte) 0xCD;
    private static final short FID_MF = 0x3F00;
    private static final short FID_RESERVED = (short) 0xFFFF;

    private FileAccess() {
    }

    /** P1P2 as FID; 0000 means the current EF (6986 when there is none). */
    static short resolveFid(byte[] buf, Session session) {
        short fid = Util.getShort(buf, ISO7816.OFFSET_P1);
        if (fid == 0) {
            fid = session.currentEf();
            if (fid == 0) {
                ISOException.throwIt(Sw.COMMAND_NOT_ALLOWED);
            }
        }
        return fid;
    }

    /** Keys are never readable; PIN-protected data needs a verified user PIN (6982). */
    static void requireReadable(short fid, Session session) {
        byte prefix = (byte) (fid >> 8);
        if (prefix == PREFIX_KEY || (prefix == PREFIX_PROTECTED_DATA && !session.userVerified())) {
            ISOException.throwIt(Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
    }

    /**
     * Writing and deleting need a verified user PIN; EF.C_DevAut and key files are never
     * written by file commands (6982); MF and FFFF are no EF names (6A86).
     */
    static void requireWritable(short fid, Session session) {
        if (fid == FID_MF || fid == FID_RESERVED) {
            ISOException.throwIt(Sw.INCORRECT_P1P2);
        }
        if (!session.userVerified() || fid == FID_DEVICE_CERTIFICATE || (byte) (fid >> 8) == PREFIX_KEY) {
            ISOException.throwIt(Sw.SECURITY_STATUS_NOT_SATISFIED);
        }
    }
}

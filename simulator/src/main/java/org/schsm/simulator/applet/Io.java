package org.schsm.simulator.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;

/**
 * Length-safe receiving and sending. Every command handler calls {@link #receive} (or
 * {@link #receiveNone}) first, then at most one of the send methods.
 */
final class Io {
    static final short MAX_SHORT_RESPONSE = 256;
    static final short MAX_EXTENDED_RESPONSE = 32767;

    private Io() {
    }

    /**
     * Receives the whole command data field into the APDU buffer at
     * {@code apdu.getOffsetCdata()} and returns Nc (0 for case 1 and 2). Data that would not fit
     * into the buffer answers 6700.
     */
    static short receive(APDU apdu) {
        byte[] buf = apdu.getBuffer();
        short got = apdu.setIncomingAndReceive();
        short nc = apdu.getIncomingLength();
        short off = apdu.getOffsetCdata();
        short room = (short) (buf.length - off);
        if (room < 0) {
            // jCardSim's extended buffer is longer than any Java Card array can be
            room = MAX_EXTENDED_RESPONSE;
        }
        if (nc < 0 || nc > room) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
        while (got < nc) {
            short more = apdu.receiveBytes((short) (off + got));
            if (more <= 0) {
                ISOException.throwIt(Sw.WRONG_LENGTH);
            }
            got = (short) (got + more);
        }
        return nc;
    }

    /** Receives and insists on an empty data field (6700 otherwise). */
    static void receiveNone(APDU apdu) {
        if (receive(apdu) != 0) {
            ISOException.throwIt(Sw.WRONG_LENGTH);
        }
    }

    /**
     * Switches to sending and returns how many bytes the terminal accepts: Ne when an Le field
     * was given, otherwise (no Le, or extended Le 0000 which jCardSim reports as 0) the most a
     * response of this APDU's length class can carry. Call after {@link #receive}.
     */
    static short expected(APDU apdu) {
        short limit = limit(apdu);
        short le = apdu.setOutgoing();
        return le <= 0 || le > limit ? limit : le;
    }

    /** Most response bytes this APDU's length class can carry. Call before setOutgoing. */
    static short limit(APDU apdu) {
        return apdu.getOffsetCdata() == ISO7816.OFFSET_EXT_CDATA ? MAX_EXTENDED_RESPONSE : MAX_SHORT_RESPONSE;
    }

    /**
     * Sends a response of fixed structure. If it does not fit into Ne, answers 6Cxx with the
     * exact length (6700 when even Le 00 could not carry it) instead of cutting the structure.
     */
    static void send(APDU apdu, byte[] src, short off, short len) {
        short ne = expected(apdu);
        if (len > ne) {
            ISOException.throwIt(len > MAX_SHORT_RESPONSE ? Sw.WRONG_LENGTH
                    : (short) (Sw.WRONG_LE_BASE | (len & 0xFF)));
        }
        sendPrepared(apdu, src, off, len);
    }

    /** Sends {@code len} bytes after {@link #expected} was called; {@code len} must fit Ne. */
    static void sendPrepared(APDU apdu, byte[] src, short off, short len) {
        apdu.setOutgoingLength(len);
        if (len == 0) {
            return;
        }
        if (src == apdu.getBuffer()) {
            apdu.sendBytes(off, len);
        } else {
            apdu.sendBytesLong(src, off, len);
        }
    }
}

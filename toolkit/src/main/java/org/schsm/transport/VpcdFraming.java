package org.schsm.transport;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The vpcd wire format: every message is a two-byte big-endian length followed by that many
 * payload bytes. From pcscd, a one-byte payload is a control message ({@link #POWER_OFF},
 * {@link #POWER_ON}, {@link #RESET}, {@link #GET_ATR}); a longer payload is a command APDU. The
 * card answers a command APDU with its response APDU and an ATR request with the ATR; it answers
 * nothing to power and reset messages.
 *
 * <p>Here rather than in the simulator's vpcd bridge, which is its main user, so that the
 * toolkit's own PC/SC tests can play a card to vpcd with the same framing.
 */
public final class VpcdFraming {
    public static final int POWER_OFF = 0x00;
    public static final int POWER_ON = 0x01;
    public static final int RESET = 0x02;
    public static final int GET_ATR = 0x04;

    /** The largest payload a two-byte length can announce. */
    public static final int MAX_PAYLOAD = 0xFFFF;

    private VpcdFraming() {
    }

    /**
     * Reads one message; returns {@code null} when the peer closed the connection between
     * messages (a clean end of stream).
     *
     * @throws EOFException when the stream ends inside a message
     */
    public static byte[] read(InputStream in) throws IOException {
        int hi = in.read();
        if (hi < 0) {
            return null;
        }
        int lo = in.read();
        if (lo < 0) {
            throw new EOFException("vpcd connection closed inside a length field");
        }
        byte[] payload = new byte[(hi << 8) | lo];
        try {
            new DataInputStream(in).readFully(payload);
        } catch (EOFException e) {
            throw new EOFException("vpcd connection closed inside a message of " + payload.length + " bytes");
        }
        return payload;
    }

    /** Writes one message and flushes it. */
    public static void write(OutputStream out, byte[] payload) throws IOException {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a vpcd message carries at most " + MAX_PAYLOAD
                    + " bytes, not " + payload.length);
        }
        byte[] frame = new byte[payload.length + 2];
        frame[0] = (byte) (payload.length >> 8);
        frame[1] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        out.write(frame);
        out.flush();
    }
}

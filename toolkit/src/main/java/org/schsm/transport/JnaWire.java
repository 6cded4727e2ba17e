package org.schsm.transport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import jnasmartcardio.Smartcardio;

/**
 * jnasmartcardio's own {@code SCardTransmit} call, without what its public {@code transmit}
 * methods add. Read from the 0.2.7 bytecode: both {@code transmit(CommandAPDU)} and
 * {@code transmit(ByteBuffer, ByteBuffer)} go through {@code transmitImpl}, which writes the
 * channel number into an interindustry class byte (CLA {@code 01} leaves as {@code 00}, CLA
 * {@code 60} as {@code 00}), answers 61xx with GET RESPONSE and 6Cxx by overwriting the command's
 * last byte, up to 8 times. Underneath, the private {@code transmitRaw(ByteBuffer, ByteBuffer)}
 * hands the bytes to winscard's {@code SCardTransmit} with the card's protocol and nothing else;
 * that is the method called here. Its only checks are PC/SC's own, so a 3-byte command or an Lc
 * that disagrees with the data goes out as it is.
 *
 * <p>The method is private, so it is reached by reflection; jnasmartcardio is on the class path
 * (or an automatic module, which is open), and the version is fixed by the build.
 * {@link #available()} lets a test prove the method is still there.
 */
final class JnaWire implements PcscWire {
    private static final Method TRANSMIT_RAW = findTransmitRaw();

    private final CardChannel channel;

    JnaWire(CardChannel channel) {
        this.channel = channel;
    }

    static boolean available() {
        return TRANSMIT_RAW != null;
    }

    @Override
    public byte[] transmit(byte[] command) throws CardException {
        if (TRANSMIT_RAW == null) {
            throw new UnsendableCommandException("this jnasmartcardio has no transmitRaw (this toolkit is built for 0.2.7),"
                    + " so it cannot send exact bytes; nothing was sent. Use SCHSM_PCSC_PROVIDER=sun");
        }
        ByteBuffer response = ByteBuffer.allocate(RESPONSE_CAPACITY);
        try {
            TRANSMIT_RAW.invoke(channel, ByteBuffer.wrap(command), response);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CardException ce) {
                throw ce;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new CardException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("jnasmartcardio's transmitRaw is not accessible", e);
        }
        return Arrays.copyOf(response.array(), response.position());
    }

    private static Method findTransmitRaw() {
        try {
            Method m = Smartcardio.JnaCardChannel.class.getDeclaredMethod("transmitRaw", ByteBuffer.class, ByteBuffer.class);
            m.setAccessible(true);
            return m;
        } catch (NoSuchMethodException | RuntimeException e) {
            return null;
        }
    }
}

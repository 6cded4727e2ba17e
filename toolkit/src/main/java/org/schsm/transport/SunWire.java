package org.schsm.transport;

import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import org.schsm.apdu.Hex;

/**
 * The JDK provider (SunPCSC) through {@code CardChannel.transmit(ByteBuffer, ByteBuffer)}, which
 * skips {@code CommandAPDU}'s length checks but still, before its native {@code SCardTransmit}
 * (JDK 17 and 25 source, {@code sun.security.smartcardio.ChannelImpl.doTransmit}):
 * <ul>
 *   <li>refuses a command shorter than 4 bytes and MANAGE CHANNEL (INS {@code 70} in an
 *       interindustry class);</li>
 *   <li>writes the channel number into an interindustry class byte: on the basic channel
 *       {@code CLA & BC}, so {@code 01}-{@code 03}, {@code 40}-{@code 7F} and the secure-messaging
 *       bit 6 classes lose bits (classes {@code 20}-{@code 3F} and {@code 80}-{@code FF} pass);</li>
 *   <li>drops Le of a case 4 command on T=0 (and on T=1 with {@code sun.security.smartcardio.t1StripLe}).</li>
 * </ul>
 * Its internal native call cannot be reached without opening the {@code java.smartcardio} module
 * on the command line, so where it would change or refuse the bytes this wire refuses first with
 * an {@link UnsendableCommandException} saying what would have happened: nothing is sent rather
 * than something else. GET RESPONSE handling stays off ({@link PcscProvider#prepareSunProvider}).
 */
final class SunWire implements PcscWire {
    private final CardChannel channel;
    private final boolean t0;

    SunWire(CardChannel channel, String protocol) {
        this.channel = channel;
        this.t0 = "T=0".equals(protocol);
    }

    @Override
    public byte[] transmit(byte[] command) throws CardException {
        String refusal = refusal(command, t0, Boolean.getBoolean("sun.security.smartcardio.t1StripLe"));
        if (refusal != null) {
            throw new UnsendableCommandException("the JDK PC/SC provider (SCHSM_PCSC_PROVIDER=sun) " + refusal
                    + "; nothing was sent. The default provider (jnasmartcardio) sends it byte for byte");
        }
        ByteBuffer response = ByteBuffer.allocate(RESPONSE_CAPACITY);
        int n = channel.transmit(ByteBuffer.wrap(command), response);
        return Arrays.copyOf(response.array(), n);
    }

    /** What SunPCSC would do other than send {@code command} as it is, or null when it sends it unchanged. */
    static String refusal(byte[] command, boolean t0, boolean t1StripLe) {
        if (command.length < 4) {
            return "refuses a command of " + command.length + " byte" + (command.length == 1 ? "" : "s")
                    + " (it needs at least CLA INS P1 P2)";
        }
        int cla = command[0] & 0xFF;
        boolean interindustry = cla < 0x80 && (cla & 0xE0) != 0x20;
        if (interindustry && (command[1] & 0xFF) == 0x70) {
            return "refuses MANAGE CHANNEL (it opens channels itself)";
        }
        if (interindustry && (cla & 0xBC) != cla) {
            return "would send class byte " + Hex.byteHex(cla & 0xBC) + " instead of " + Hex.byteHex(cla)
                    + " (it writes the logical channel, 0, into the class byte)";
        }
        if (t0 && command.length >= 7 && command[4] == 0) {
            return "refuses extended-length commands on T=0";
        }
        if ((t0 || t1StripLe) && command.length >= 7) {
            int lc = command[4] & 0xFF;
            boolean caseFour = lc != 0 ? command.length == lc + 6
                    : command.length == (((command[5] & 0xFF) << 8) | (command[6] & 0xFF)) + 9;
            if (caseFour) {
                return "would drop the Le field of this command" + (t0 ? " (T=0)" : " (t1StripLe)");
            }
        }
        return null;
    }
}

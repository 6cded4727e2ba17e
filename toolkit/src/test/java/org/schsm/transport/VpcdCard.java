package org.schsm.transport;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.schsm.apdu.Hex;

/**
 * A card for pcscd's vpcd driver, for tests against the real PC/SC stack: it connects to the
 * driver's port, answers the ATR request and hands every APDU to a function. Closing it is
 * pulling the card out of the reader.
 *
 * <p>Wire format (vsmartcard's vpcd): a 2-byte big-endian length, then the payload; a 1-byte
 * payload is a control message (00 power off, 01 power on, 02 reset, 04 send the ATR).
 */
final class VpcdCard implements AutoCloseable {
    private final Socket socket;
    private final byte[] atr;
    private final UnaryOperator<byte[]> card;
    private final Thread loop;
    /**
     * Every APDU pcscd delivered, hex, in order: what really went over the wire. Other PC/SC
     * clients on the machine (OpenSC probing every card it sees, for one) add theirs; use
     * {@link #receivedOf} to look only at the commands a test knows it sent.
     */
    final List<String> received = new CopyOnWriteArrayList<>();

    private VpcdCard(Socket socket, byte[] atr, UnaryOperator<byte[]> card) {
        this.socket = socket;
        this.atr = atr;
        this.card = card;
        this.loop = new Thread(this::serve, "vpcd-card");
        this.loop.setDaemon(true);
    }

    /** Inserts the card: connects to the vpcd port; fails with IOException when nobody listens. */
    static VpcdCard insert(int port, byte[] atr, UnaryOperator<byte[]> card) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        VpcdCard c = new VpcdCard(s, atr, card);
        c.loop.start();
        return c;
    }

    /** The received APDUs that are among {@code ours}, in order. */
    List<String> receivedOf(java.util.Set<String> ours) {
        return received.stream().filter(ours::contains).toList();
    }

    private void serve() {
        try (DataInputStream in = new DataInputStream(socket.getInputStream());
             DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
            boolean quickAck = socket.supportedOptions().contains(jdk.net.ExtendedSocketOptions.TCP_QUICKACK);
            while (true) {
                if (quickAck) {
                    // vpcd sends the length and the body in two segments; without an immediate ACK the
                    // body waits ~40 ms for Linux's delayed ACK (docs/pcsc-interop.md, "Latency"). Not sticky.
                    socket.setOption(jdk.net.ExtendedSocketOptions.TCP_QUICKACK, true);
                }
                byte[] msg = new byte[in.readUnsignedShort()];
                in.readFully(msg);
                if (msg.length == 1) {
                    if (msg[0] == 0x04) {
                        send(out, atr);
                    }
                    continue;
                }
                received.add(Hex.encode(msg));
                send(out, card.apply(msg));
            }
        } catch (IOException e) {
            if (!socket.isClosed()) {
                throw new UncheckedIOException("vpcd connection lost", e);
            }
            // closed by us: the card was pulled, which is what the test wanted
        }
    }

    /** Length and payload in one write: two small writes would wait for Nagle's algorithm. */
    private static void send(DataOutputStream out, byte[] payload) throws IOException {
        byte[] message = new byte[payload.length + 2];
        message[0] = (byte) (payload.length >> 8);
        message[1] = (byte) payload.length;
        System.arraycopy(payload, 0, message, 2, payload.length);
        out.write(message);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

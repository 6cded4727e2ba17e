package org.schsm.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.schsm.apdu.Hex;
import org.schsm.testkit.PcscEnvironment;

/**
 * A card for pcscd's vpcd driver, for tests against the real PC/SC stack: it connects to the
 * driver's port, answers the ATR request and hands every APDU to a function. Closing it is
 * pulling the card out of the reader.
 *
 * <p>Messages are framed by {@link VpcdFraming}, the simulator's vpcd bridge's own framing.
 */
final class VpcdCard implements AutoCloseable {
    private final Socket socket;
    private final byte[] atr;
    private final UnaryOperator<byte[]> card;
    private final Thread loop;
    private String reader;
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

    /**
     * Inserts the card into the vpcd reader on {@code port} and returns once PC/SC lists a reader
     * holding a card with {@code atr}. When pcscd, the vpcd driver or the port is not there, or
     * another client's card holds the reader, the test is skipped saying why, or fails under CI=true
     * ({@link PcscEnvironment#unavailable}).
     */
    static VpcdCard insertListed(int port, byte[] atr, UnaryOperator<byte[]> card) throws InterruptedException {
        List<ReaderInfo> readers;
        try {
            readers = new PcscReaders(PcscProvider.JNA).list(true);
        } catch (PcscUnavailableException e) {
            PcscEnvironment.unavailable("no PC/SC service: " + e.getMessage());
            throw new IllegalStateException(e);
        }
        if (readers.stream().noneMatch(r -> r.name().startsWith("Virtual PCD"))) {
            PcscEnvironment.unavailable("pcscd runs without the vpcd driver (readers: " + readers + ")");
        }
        VpcdCard inserted;
        try {
            inserted = insert(port, atr, card);
        } catch (IOException e) {
            PcscEnvironment.unavailable("cannot reach vpcd on port " + port + ": " + e.getMessage());
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < 50 && inserted.reader == null; i++) {
            inserted.reader = new PcscReaders(PcscProvider.JNA).list(true).stream()
                    .filter(r -> java.util.Arrays.equals(r.atr(), atr)).map(ReaderInfo::name).findFirst().orElse(null);
            if (inserted.reader == null) {
                Thread.sleep(100);
            }
        }
        if (inserted.reader == null) {
            PcscEnvironment.unavailable("the vpcd reader on port " + port + " never showed our card (in use?)");
        }
        return inserted;
    }

    /** The name of the reader PC/SC shows this card in (after {@link #insertListed}). */
    String reader() {
        return reader;
    }

    /** Waits until PC/SC no longer shows a card in {@link #reader()}; false if it still does after 5 s. */
    boolean awaitRemovedFromListing() throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            boolean present = new PcscReaders(PcscProvider.JNA).list(true).stream()
                    .anyMatch(r -> r.name().equals(reader) && r.cardPresent());
            if (!present) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** The received APDUs that are among {@code ours}, in order. */
    List<String> receivedOf(java.util.Set<String> ours) {
        return received.stream().filter(ours::contains).toList();
    }

    private void serve() {
        try (InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            boolean quickAck = socket.supportedOptions().contains(jdk.net.ExtendedSocketOptions.TCP_QUICKACK);
            while (true) {
                if (quickAck) {
                    // vpcd sends the length and the body in two segments; without an immediate ACK the
                    // body waits ~40 ms for Linux's delayed ACK (docs/pcsc-interop.md, "Latency"). Not sticky.
                    socket.setOption(jdk.net.ExtendedSocketOptions.TCP_QUICKACK, true);
                }
                byte[] msg = VpcdFraming.read(in);
                if (msg == null) {
                    throw new EOFException("vpcd closed the connection");
                }
                if (msg.length == 1) {
                    if (msg[0] == VpcdFraming.GET_ATR) {
                        VpcdFraming.write(out, atr);
                    }
                    continue;
                }
                received.add(Hex.encode(msg));
                VpcdFraming.write(out, card.apply(msg));
            }
        } catch (IOException e) {
            if (!socket.isClosed()) {
                throw new UncheckedIOException("vpcd connection lost", e);
            }
            // closed by us: the card was pulled, which is what the test wanted
        }
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

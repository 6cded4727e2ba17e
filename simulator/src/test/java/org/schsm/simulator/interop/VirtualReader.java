package org.schsm.simulator.interop;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.schsm.simulator.vpcd.VirtualCard;
import org.schsm.simulator.vpcd.VpcdClient;
import org.schsm.testkit.PcscEnvironment;

/**
 * A card put into one of pcscd's vpcd readers for the length of a test. The port defaults to
 * 35963, which the stock /etc/reader.conf.d/vpcd maps to "Virtual PCD 00 00"; both can be changed
 * with {@code -Dschsm.interop.vpcdPort} and {@code -Dschsm.interop.reader}.
 */
public final class VirtualReader implements AutoCloseable {
    public static final int PORT = PcscEnvironment.VPCD_PORT;
    public static final String NAME = PcscEnvironment.VPCD_READER;
    private static final Duration APPEAR = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(100);

    private final VpcdClient client;

    private VirtualReader(VpcdClient client) {
        this.client = client;
    }

    /**
     * Connects {@code card} to the reader and waits until pcscd reports it present. Skips the
     * test (fails it under CI) when the reader already holds another card: another vpcd client
     * is connected and ours would wait behind it.
     */
    static VirtualReader insert(VirtualCard card, Runnable afterCommand) throws InterruptedException {
        if (cardPresent().orElse(false)) {
            PcscEnvironment.unavailable("reader '" + NAME + "' already holds a card: another vpcd client is "
                    + "connected to port " + PORT);
        }
        VpcdClient client = VpcdClient.builder(card).port(PORT).afterCommand(afterCommand).start();
        VirtualReader reader = new VirtualReader(client);
        if (!reader.awaitPresence(true)) {
            client.close();
            throw new AssertionError("pcscd did not see the card in '" + NAME + "' within " + APPEAR
                    + " (client connected: " + client.isConnected() + "); readers: " + PcscEnvironment.listReaders());
        }
        return reader;
    }

    static VirtualReader insert(VirtualCard card) throws InterruptedException {
        return insert(card, () -> { });
    }

    VpcdClient client() {
        return client;
    }

    /** Whether pcscd shows a card in {@link #NAME}; empty when the reader is not listed at all. */
    static Optional<Boolean> cardPresent() {
        List<String> readers = PcscEnvironment.listReaders();
        for (String line : readers) {
            if (line.trim().endsWith(NAME)) {
                String[] columns = line.trim().split("\\s+");
                return Optional.of(columns.length > 1 && columns[1].equals("Yes"));
            }
        }
        return Optional.empty();
    }

    boolean awaitPresence(boolean present) throws InterruptedException {
        long deadline = System.nanoTime() + APPEAR.toNanos();
        while (System.nanoTime() < deadline) {
            if (cardPresent().orElse(false) == present) {
                return true;
            }
            Thread.sleep(POLL.toMillis());
        }
        return false;
    }

    /** Takes the card out and waits until pcscd shows the reader empty again. */
    @Override
    public void close() {
        client.close();
        boolean empty;
        try {
            empty = awaitPresence(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for '" + NAME + "' to be empty", e);
        }
        if (!empty) {
            throw new AssertionError("pcscd still shows a card in '" + NAME + "' after the client closed");
        }
    }
}

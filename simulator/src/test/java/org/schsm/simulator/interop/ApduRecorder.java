package org.schsm.simulator.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.Hex;
import org.schsm.simulator.vpcd.VirtualCard;

/**
 * Wraps a card and writes down what crosses the reader: power events and each command with its
 * response. Commands are written as {@link CommandApdu#toString()} shows them, so PIN data
 * appears as {@code **}; responses are written in full (status queries and file contents only,
 * a SmartCard-HSM never returns a PIN).
 */
final class ApduRecorder implements VirtualCard {
    private final VirtualCard card;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    /** One command (redacted text) and its response. */
    record Exchange(String command, byte[] response) {
        int sw() {
            int n = response.length;
            return n < 2 ? -1 : ((response[n - 2] & 0xFF) << 8) | (response[n - 1] & 0xFF);
        }

        String swHex() {
            return String.format("%04X", sw());
        }
    }

    ApduRecorder(VirtualCard card) {
        this.card = card;
    }

    @Override
    public byte[] atr() {
        return card.atr(); // polled every few hundred ms by pcscd; not worth a line
    }

    @Override
    public void powerOff() {
        log.add("-- power off");
        card.powerOff();
    }

    @Override
    public void powerOn() {
        log.add("-- power on");
        card.powerOn();
    }

    @Override
    public void reset() {
        log.add("-- reset");
        card.reset();
    }

    @Override
    public byte[] transmit(byte[] command) {
        byte[] response = card.transmit(command);
        String text = CommandApdu.describe(command);
        exchanges.add(new Exchange(text, response.clone()));
        log.add("C: " + text);
        log.add("R: " + Hex.spaced(response));
        return response;
    }

    @Override
    public boolean isPresent() {
        return card.isPresent();
    }

    /** Commands seen so far (redacted text), in order. */
    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** Forgets what was recorded, e.g. between two tool runs on the same card. */
    void clear() {
        log.clear();
        exchanges.clear();
    }

    /** The first exchange whose command text starts with {@code prefix} (spaced hex). */
    Exchange first(String prefix) {
        return exchanges.stream().filter(e -> e.command().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no command starting with " + prefix + " in\n" + transcript()));
    }

    boolean sent(String prefix) {
        return exchanges.stream().anyMatch(e -> e.command().startsWith(prefix));
    }

    String transcript() {
        return String.join("\n", log);
    }

    /** Keeps the transcript under target/interop-apdus/ for the documentation and for debugging. */
    void save(String name) {
        Path dir = Path.of("target", "interop-apdus");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".txt"), transcript() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the APDU transcript " + name, e);
        }
    }

}

package org.schsm.transport;

import java.util.Arrays;
import java.util.Objects;
import org.schsm.apdu.Hex;

/**
 * One reader as listed: its position among the PC/SC readers ({@code -1} for a
 * {@link PseudoReader}), name, whether a card is present, the card's ATR (empty when there is no
 * card or another program holds the card exclusively), and {@code id}, what a user passes with
 * {@code -r} to choose it: the index as text for a PC/SC reader, e.g. {@code sim} otherwise.
 */
public record ReaderInfo(int index, String name, boolean cardPresent, byte[] atr, String id) {
    public ReaderInfo {
        Objects.requireNonNull(name, "name");
        atr = atr == null ? new byte[0] : atr.clone();
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("reader '" + name + "' needs an id to be chosen by");
        }
    }

    /** A PC/SC reader, chosen by its index. */
    public ReaderInfo(int index, String name, boolean cardPresent, byte[] atr) {
        this(index, name, cardPresent, atr, String.valueOf(index));
    }

    /** The entry for a pseudo-reader; its card is always there. */
    public static ReaderInfo of(PseudoReader reader) {
        return new ReaderInfo(-1, reader.description(), true, reader.atr(), reader.id());
    }

    /** The entry for a pseudo-reader chosen with an argument ({@code sim:fresh}): its id carries the argument. */
    public static ReaderInfo of(PseudoReader reader, String argument) {
        return new ReaderInfo(-1, reader.description() + " (" + argument + ")", true, reader.atr(),
                reader.id() + ":" + argument);
    }

    /** True for a reader behind PC/SC, false for a {@link PseudoReader}. */
    public boolean isPcsc() {
        return index >= 0;
    }

    @Override
    public byte[] atr() {
        return atr.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReaderInfo r && r.index == index && r.name.equals(name)
                && r.cardPresent == cardPresent && Arrays.equals(r.atr, atr) && r.id.equals(id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, name, cardPresent, Arrays.hashCode(atr), id);
    }

    @Override
    public String toString() {
        return id + ": " + name + (cardPresent ? " [card" + (atr.length > 0 ? " " + Hex.spaced(atr) : "") + "]" : " [empty]");
    }
}

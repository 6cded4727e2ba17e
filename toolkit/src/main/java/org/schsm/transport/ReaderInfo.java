package org.schsm.transport;

import java.util.Arrays;
import org.schsm.apdu.Hex;

/**
 * One PC/SC reader as listed: its position (the number a user may pass with {@code -r}), name,
 * whether a card is present, and the card's ATR (empty when there is no card or another program
 * holds the card exclusively).
 */
public record ReaderInfo(int index, String name, boolean cardPresent, byte[] atr) {
    public ReaderInfo {
        atr = atr == null ? new byte[0] : atr.clone();
    }

    @Override
    public byte[] atr() {
        return atr.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReaderInfo r && r.index == index && r.name.equals(name)
                && r.cardPresent == cardPresent && Arrays.equals(r.atr, atr);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * index + name.hashCode()) + Arrays.hashCode(atr);
    }

    @Override
    public String toString() {
        return index + ": " + name + (cardPresent ? " [card" + (atr.length > 0 ? " " + Hex.spaced(atr) : "") + "]" : " [empty]");
    }
}

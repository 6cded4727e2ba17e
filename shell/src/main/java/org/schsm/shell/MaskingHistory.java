package org.schsm.shell;

import java.time.Instant;
import org.jline.reader.impl.history.DefaultHistory;

/** JLine history that stores every line through {@link PinMask}: neither memory nor file sees a PIN. */
final class MaskingHistory extends DefaultHistory {
    private final PinMask mask;

    MaskingHistory(PinMask mask) {
        this.mask = mask;
    }

    @Override
    public void add(Instant time, String line) {
        super.add(time, mask.mask(line));
    }
}

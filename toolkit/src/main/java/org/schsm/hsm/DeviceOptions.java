package org.schsm.hsm;

import java.util.ArrayList;
import java.util.List;
import org.schsm.apdu.Hex;

/** The 16-bit options word of a SmartCard-HSM, with readable names for its bits. */
public record DeviceOptions(int word) {
    public static final DeviceOptions NONE = new DeviceOptions(0);
    /** What sc-hsm-tool and OpenSC's C_InitToken send: user-PIN reset with the SO-PIN allowed. */
    public static final DeviceOptions DEFAULT = NONE.with(DeviceOption.RESET_RETRY_COUNTER);

    public DeviceOptions {
        if (word < 0 || word > 0xFFFF) {
            throw new IllegalArgumentException("options word " + word + " is not 16 bits");
        }
    }

    public boolean has(DeviceOption option) {
        return (word & option.bit()) != 0;
    }

    public DeviceOptions with(DeviceOption option) {
        return new DeviceOptions(word | option.bit());
    }

    public DeviceOptions without(DeviceOption option) {
        return new DeviceOptions(word & ~option.bit());
    }

    /** Names of the set bits; bits without a name read "unknown option 0x0800". */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        int known = 0;
        for (DeviceOption option : DeviceOption.values()) {
            known |= option.bit();
            if (has(option)) {
                names.add(option.description());
            }
        }
        for (int bit = 1; bit <= 0x8000; bit <<= 1) {
            if ((word & bit & ~known) != 0) {
                names.add("unknown option 0x" + hex(bit));
            }
        }
        return names;
    }

    /** Four hex digits, the form used in traces: {@code 0001}. */
    public String hex() {
        return hex(word);
    }

    private static String hex(int value) {
        return Hex.byteHex(value >> 8) + Hex.byteHex(value);
    }

    @Override
    public String toString() {
        List<String> names = names();
        return hex() + (names.isEmpty() ? " (none)" : " (" + String.join(", ", names) + ")");
    }
}

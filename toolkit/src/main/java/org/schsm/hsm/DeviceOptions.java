package org.schsm.hsm;

import java.util.ArrayList;
import java.util.List;

/** The configuration options word set at initialization (INITIALIZE tag 80, ref §2.3). */
public record DeviceOptions(int value) {
    public static final int USER_PIN_RESET = 0x0001;
    public static final int TRANSPORT_PIN = 0x0002;
    public static final int SESSION_PIN = 0x0004;

    public DeviceOptions {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("options word " + value + " is not two bytes");
        }
    }

    public boolean userPinResetEnabled() {
        return (value & USER_PIN_RESET) != 0;
    }

    public boolean transportPin() {
        return (value & TRANSPORT_PIN) != 0;
    }

    public boolean sessionPin() {
        return (value & SESSION_PIN) != 0;
    }

    /** Readable names of the set bits, as sc-hsm-tool prints them; unknown bits as hex. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        if (userPinResetEnabled()) {
            out.add("User PIN reset with SO-PIN enabled");
        }
        if (transportPin()) {
            out.add("Transport-PIN mode enabled");
        }
        if (sessionPin()) {
            out.add("Session-PIN enabled with clear on reset");
        }
        int rest = value & ~(USER_PIN_RESET | TRANSPORT_PIN | SESSION_PIN);
        if (rest != 0) {
            out.add(String.format("other option bits %04X", rest));
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format("%04X", value) + (value == 0 ? " (none)" : " (" + String.join(", ", names()) + ")");
    }
}

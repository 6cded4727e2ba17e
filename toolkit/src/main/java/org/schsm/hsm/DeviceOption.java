package org.schsm.hsm;

/**
 * Bits of the 16-bit options word written by INITIALIZE DEVICE tag 80 and reported in the FCP
 * (reference §2.3). Names follow OpenSC/sc-hsm-tool where it prints them, pico-hsm otherwise;
 * the pico-only bits are listed so an options word read from a pico device is fully named.
 */
public enum DeviceOption {
    RESET_RETRY_COUNTER(0x0001, "User PIN reset with SO-PIN enabled"),
    TRANSPORT_PIN(0x0002, "Transport-PIN mode enabled"),
    SESSION_PIN(0x0004, "Session-PIN enabled with clear on reset"),
    REPLACE_PKA(0x0008, "Replacing public-key-authentication keys allowed (pico)"),
    COMBINED_AUTH(0x0010, "Combined PIN and public-key authentication (pico)"),
    RESET_RETRY_COUNTER_ONLY(0x0020, "User PIN reset may only reset the counter (pico)"),
    BOOTSEL_BUTTON(0x0100, "Button press required for key use (pico)"),
    KEY_COUNTER_ALL(0x0200, "Key-use counter for all keys (pico)"),
    SECURE_LOCK(0x0400, "Secure lock enabled (pico)");

    private final int bit;
    private final String description;

    DeviceOption(int bit, String description) {
        this.bit = bit;
        this.description = description;
    }

    public int bit() {
        return bit;
    }

    /** The readable name, as sc-hsm-tool prints it where it prints it. */
    public String description() {
        return description;
    }
}

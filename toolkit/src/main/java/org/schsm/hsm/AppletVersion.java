package org.schsm.hsm;

/** Version of the SmartCard-HSM applet (or pico firmware) from the last two bytes of FCP tag 85. */
public record AppletVersion(int major, int minor) {
    public boolean isAtLeast(int otherMajor, int otherMinor) {
        return major > otherMajor || major == otherMajor && minor >= otherMinor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}

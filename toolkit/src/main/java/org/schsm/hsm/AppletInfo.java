package org.schsm.hsm;

/**
 * What the SELECT FCP says (tag 85, read from the end as OpenSC does, ref §1.2). {@code build} is
 * -1 and {@code options} is null for applets older than 2.0, whose tag 85 holds only the version.
 */
public record AppletInfo(int major, int minor, int build, DeviceOptions options) {

    public String version() {
        return major + "." + minor;
    }

    /** The card name OpenSC gives: "SmartCard-HSM version 3.6" and its JCOP / demo variants. */
    public String cardName() {
        String base = switch (build) {
            case 0x00 -> "SmartCard-HSM Applet for JCOP";
            case 0x01 -> "SmartCard-HSM Demo Applet for JCOP";
            default -> "SmartCard-HSM";
        };
        return base + " version " + version();
    }
}

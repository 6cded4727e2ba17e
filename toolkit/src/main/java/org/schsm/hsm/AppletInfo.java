package org.schsm.hsm;

import java.util.Optional;

/**
 * What SELECT of the SmartCard-HSM applet reports in FCP tag 85, read from the end as OpenSC
 * does (reference §1.2), because only the last bytes have the same meaning on every applet
 * version: {@code [n-1]} minor, {@code [n-2]} major, {@code [n-3]} build type, {@code [n-4]}
 * low byte of the options word. A 2-byte value is an applet before 2.0 (no options).
 *
 * @param buildType {@code [n-3]}, or -1 when the value has only the version
 * @param options   the options word; empty before 2.0. The high byte is taken from
 *                  {@code [n-5]} when present (pico's layout options(2)‖build‖major‖minor);
 *                  OpenSC reads only the low byte (open question 7 of the reference)
 */
public record AppletInfo(AppletVersion version, int buildType, Optional<DeviceOptions> options) {

    /** Parses the FCP returned by SELECT. */
    public static AppletInfo fromFcp(byte[] fcp) {
        byte[] p = FcpReader.proprietaryInformation(fcp);
        int n = p.length;
        if (n < 2) {
            // OpenSC's check since issue #1377: other applets may answer the same AID.
            throw new MalformedResponseException("FCP tag 85 has " + n + " byte(s); a SmartCard-HSM sends at"
                    + " least its 2 version bytes, so this is not a SmartCard-HSM applet");
        }
        AppletVersion version = new AppletVersion(p[n - 2] & 0xFF, p[n - 1] & 0xFF);
        int build = n >= 3 ? p[n - 3] & 0xFF : -1;
        Optional<DeviceOptions> options = Optional.empty();
        if (n >= 4) {
            int high = n >= 5 ? p[n - 5] & 0xFF : 0;
            options = Optional.of(new DeviceOptions((high << 8) | (p[n - 4] & 0xFF)));
        }
        return new AppletInfo(version, build, options);
    }

    /** The card name OpenSC gives: "SmartCard-HSM Applet for JCOP version 3.2". */
    public String cardName() {
        String name = switch (buildType) {
            case 0x00 -> "SmartCard-HSM Applet for JCOP";
            case 0x01 -> "SmartCard-HSM Demo Applet for JCOP";
            default -> "SmartCard-HSM";
        };
        return name + " version " + version;
    }
}

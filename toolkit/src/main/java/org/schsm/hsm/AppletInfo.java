package org.schsm.hsm;

import java.util.List;
import java.util.Optional;
import org.schsm.tlv.Tlv;
import org.schsm.tlv.TlvFormatException;
import org.schsm.tlv.TlvReader;

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
    private static final int FCP_TEMPLATE = 0x62;
    private static final int FCI_TEMPLATE = 0x6F;
    private static final int PROPRIETARY_INFORMATION = 0x85;

    /** Parses the FCP returned by SELECT. */
    public static AppletInfo fromFcp(byte[] fcp) {
        byte[] p = proprietaryInformation(fcp);
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

    /** Tag 85 directly inside the FCP template (62, or 6F, which ISO allows for the FCI). */
    private static byte[] proprietaryInformation(byte[] fcp) {
        List<Tlv> objects;
        try {
            objects = TlvReader.readAll(fcp);
        } catch (TlvFormatException e) {
            throw new MalformedResponseException("the FCP SELECT returned is not BER-TLV: " + e.getMessage());
        }
        Tlv template = objects.isEmpty() ? null : objects.get(0);
        if (template == null || template.tag() != FCP_TEMPLATE && template.tag() != FCI_TEMPLATE) {
            throw new MalformedResponseException("SELECT answered without an FCP template (62)"
                    + (template == null ? "" : ": data starts with " + Tlv.tagHex(template.tag())));
        }
        return template.child(PROPRIETARY_INFORMATION).map(Tlv::value).orElseThrow(() -> new MalformedResponseException(
                "the FCP has no proprietary-information tag 85, which every SmartCard-HSM applet sends:"
                        + " another applet may have answered the AID"));
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

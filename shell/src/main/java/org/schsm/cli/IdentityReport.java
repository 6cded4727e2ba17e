package org.schsm.cli;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.schsm.hsm.cvc.ChainVerdict;
import org.schsm.hsm.cvc.CvCertificate;
import org.schsm.hsm.cvc.DeviceIdentity;

/** How {@code status} and {@code inspect} show the device identity (serial and certificate chain). */
final class IdentityReport {
    private IdentityReport() {
    }

    /** {@code Serial} and {@code Device certificate} lines, then the chain indented. */
    static List<String> lines(DeviceIdentity identity) {
        List<String> lines = new ArrayList<>();
        lines.add("Serial               : " + identity.serialNumber().orElse("(unknown)"));
        lines.add("Device certificate   : " + identity.verdict().describe());
        identity.device().ifPresent(d -> lines.add("  " + chain(d, identity)));
        return lines;
    }

    private static String chain(CvCertificate device, DeviceIdentity identity) {
        StringBuilder sb = new StringBuilder("device ").append(device.holderReference());
        identity.issuer().ifPresent(i -> sb.append(" <- issuer ").append(i.holderReference())
                .append(" <- root ").append(i.authorityReference().orElse("?")));
        if (identity.issuer().isEmpty()) {
            sb.append(" <- ").append(device.authorityReference().orElse("?"));
        }
        if (identity.checkedBefore()) {
            sb.append(" (signatures verified on an earlier run; schsm inspect checks them again)");
        }
        return sb.toString();
    }

    /** {@code {verdict, root?, rootVerified?, reason?, description, checkedBefore, device?, issuer?}}. */
    static JsonObject json(DeviceIdentity identity) {
        JsonObject o = new JsonObject();
        ChainVerdict verdict = identity.verdict();
        o.addProperty("verdict", verdict.kind());
        if (verdict instanceof ChainVerdict.Genuine g) {
            o.addProperty("root", g.root());
        } else if (verdict instanceof ChainVerdict.Simulated s) {
            o.addProperty("root", s.root());
            o.addProperty("rootVerified", s.rootVerified());
        } else if (verdict instanceof ChainVerdict.Broken b) {
            o.addProperty("reason", b.reason());
        }
        o.addProperty("description", verdict.describe());
        o.addProperty("checkedBefore", identity.checkedBefore());
        o.addProperty("device", identity.device().map(CvCertificate::holderReference).orElse(null));
        o.addProperty("issuer", identity.issuer().map(CvCertificate::holderReference).orElse(null));
        return o;
    }
}

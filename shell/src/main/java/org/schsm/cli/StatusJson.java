package org.schsm.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.schsm.hsm.DeviceStatus;
import org.schsm.hsm.DkekStatus;
import org.schsm.hsm.PinStatus;
import org.schsm.hsm.cvc.DeviceIdentity;
import org.schsm.session.CardSession;

/** The JSON shape of {@code schsm status --json}; field names are part of the interface. */
final class StatusJson {
    private StatusJson() {
    }

    /** The status plus the device identity: {@code serial} and {@code certificate.verdict}. */
    static JsonObject of(DeviceStatus s, CardSession session, DeviceIdentity identity) {
        JsonObject o = of(s, session);
        o.addProperty("serial", identity.serialNumber().orElse(null));
        o.add("certificate", IdentityReport.json(identity));
        return o;
    }

    static JsonObject of(DeviceStatus s, CardSession session) {
        JsonObject o = new JsonObject();
        o.addProperty("reader", session.description());
        o.addProperty("simulated", session.simulated());
        o.addProperty("card", s.cardName());
        o.addProperty("atr", s.atrHex().replace(" ", ""));
        o.addProperty("version", s.version().toString());
        s.options().ifPresentOrElse(opt -> {
            o.addProperty("options", opt.hex());
            JsonArray names = new JsonArray();
            opt.names().forEach(names::add);
            o.add("optionNames", names);
        }, () -> o.add("options", null));
        o.addProperty("initialized", s.initialized());
        o.addProperty("transportPin", s.transportPinActive());
        o.add("soPin", pin(s.soPin()));
        o.add("userPin", pin(s.userPin()));
        o.add("dkek", s.dkek().asOptional().map(StatusJson::dkek).orElse(null));
        if (!s.dkek().isAvailable()) {
            // Why it is null: the card's status word (any SW is possible), or an unreadable answer.
            JsonObject why = new JsonObject();
            why.addProperty("sw", s.dkek().refusedWith().map(sw -> sw.hex()).orElse(null));
            why.addProperty("meaning", s.dkek().refusedWith().map(sw -> sw.meaning()).orElse(null));
            why.addProperty("reason", s.dkek().reason());
            o.add("dkekNotAvailable", why);
        }
        return o;
    }

    static JsonObject pin(PinStatus p) {
        JsonObject o = new JsonObject();
        o.addProperty("state", p.state().name());
        o.addProperty("triesLeft", p.triesLeft() >= 0 ? p.triesLeft() : null);
        o.addProperty("blocked", p.isBlocked());
        o.addProperty("sw", p.statusWord().hex());
        o.addProperty("meaning", p.statusWord().meaning());
        return o;
    }

    private static JsonObject dkek(DkekStatus d) {
        JsonObject o = new JsonObject();
        o.addProperty("shares", d.totalShares());
        o.addProperty("outstanding", d.outstandingShares());
        o.addProperty("keyCheckValue", d.keyCheckValue());
        return o;
    }
}

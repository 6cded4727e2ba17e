package org.schsm.hsm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.schsm.Remedy;
import org.schsm.apdu.Hex;

/**
 * Everything that can be read from a SmartCard-HSM without spending a try: the SELECT answer,
 * both PIN statuses, the DKEK status and the ATR. The same facts sc-hsm-tool prints
 * (reference §6); derived facts (initialized, transport PIN) are methods, not stored twice.
 *
 * @param dkek   the DKEK status, or the status word the card refused the query with (any SW:
 *               6D00 on a fresh simulator, 6B00 elsewhere); a refusal hides nothing else
 * @param atrHex the ATR as spaced hex
 */
public record DeviceStatus(AppletInfo applet, PinStatus soPin, PinStatus userPin,
                           OptionalRead<DkekStatus> dkek, String atrHex) {

    public AppletVersion version() {
        return applet.version();
    }

    public String cardName() {
        return applet.cardName();
    }

    public Optional<DeviceOptions> options() {
        return applet.options();
    }

    /**
     * False when the SO-PIN (or user PIN) reference is not set (6A88). Applets before 2.0 have
     * no SO-PIN status; there sc-hsm-tool reads 6984 on the user PIN as "never initialized".
     */
    public boolean initialized() {
        if (soPin.state() == PinStatus.State.NOT_INITIALIZED || userPin.state() == PinStatus.State.NOT_INITIALIZED) {
            return false;
        }
        return version().major() >= 2 || userPin.state() != PinStatus.State.TRANSPORT_PIN;
    }

    /** The user PIN is a transport PIN that must be changed (CHANGE REFERENCE DATA) before use. */
    public boolean transportPinActive() {
        return initialized() && userPin.state() == PinStatus.State.TRANSPORT_PIN;
    }

    /** Whether RESET RETRY COUNTER was enabled at initialization; empty when the applet does not say. */
    public Optional<Boolean> resetRetryCounterEnabled() {
        return options().map(o -> o.has(DeviceOption.RESET_RETRY_COUNTER));
    }

    /** The ATR bytes. */
    public byte[] atr() {
        return Hex.decode(atrHex);
    }

    /** Readable lines, in sc-hsm-tool's order, remedies in the toolkit's own words. */
    public List<String> lines() {
        return lines(Remedy::plain);
    }

    /** Readable lines, in sc-hsm-tool's order, each remedy said by {@code say}. */
    public List<String> lines(Function<? super Remedy, String> say) {
        List<String> lines = new ArrayList<>();
        lines.add("Card: " + cardName());
        lines.add("ATR: " + atrHex);
        options().ifPresent(o -> lines.add("Options: " + o));
        if (!initialized()) {
            lines.add("Never initialized: run `" + say.apply(new Remedy.Initialize(false))
                    + "` to set the SO-PIN and the user PIN");
            return lines;
        }
        lines.add(soPin.describe());
        lines.add(userPin.describe());
        lines.add(dkek.describe(DkekStatus::describe).replaceFirst("^not available", "DKEK status not available"));
        return lines;
    }
}

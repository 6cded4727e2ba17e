package org.schsm.hsm;

import java.util.Optional;
import org.schsm.apdu.Hex;

/**
 * Everything {@code sc-hsm-tool} prints without options (ref §6), read without spending a try.
 * {@code options} may be null for applets older than 2.0.
 */
public record DeviceStatus(
        int versionMajor,
        int versionMinor,
        String cardName,
        DeviceOptions options,
        boolean initialized,
        PinStatus userPin,
        PinStatus soPin,
        boolean transportPinActive,
        Optional<DkekStatus> dkek,
        byte[] atr) {

    public DeviceStatus {
        atr = atr == null ? new byte[0] : atr.clone();
        dkek = dkek == null ? Optional.empty() : dkek;
    }

    static DeviceStatus of(AppletInfo info, PinStatus user, PinStatus so, Optional<DkekStatus> dkek, byte[] atr) {
        boolean initialized = so.state() != PinState.NOT_INITIALIZED;
        return new DeviceStatus(info.major(), info.minor(), info.cardName(), info.options(), initialized,
                user, so, user.state() == PinState.TRANSPORT_PIN, dkek, atr);
    }

    public String version() {
        return versionMajor + "." + versionMinor;
    }

    @Override
    public byte[] atr() {
        return atr.clone();
    }

    /** True when RESET RETRY COUNTER is allowed (option 0001); false when unknown. */
    public boolean userPinResetEnabled() {
        return options != null && options.userPinResetEnabled();
    }

    /** Multi-line text in the spirit of sc-hsm-tool's output. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("Card            : ").append(cardName).append('\n');
        sb.append("ATR             : ").append(Hex.spaced(atr)).append('\n');
        sb.append("Version         : ").append(version()).append('\n');
        sb.append("Config options  : ").append(options == null ? "(not reported)" : options).append('\n');
        sb.append("Initialized     : ").append(initialized ? "yes" : "no, use schsm init").append('\n');
        sb.append("SO-PIN          : ").append(soPin.describe().substring(soPin.ref().label().length() + 2)).append('\n');
        sb.append("User PIN        : ").append(userPin.describe().substring(userPin.ref().label().length() + 2)).append('\n');
        dkek.ifPresent(d -> {
            sb.append("DKEK shares     : ").append(d.total()).append('\n');
            if (d.outstanding() > 0) {
                sb.append("DKEK import pending, ").append(d.outstanding()).append(" share(s) still missing\n");
            } else if (d.total() > 0) {
                sb.append("DKEK key check value : ").append(d.kcvHex()).append('\n');
            }
        });
        return sb.toString();
    }
}

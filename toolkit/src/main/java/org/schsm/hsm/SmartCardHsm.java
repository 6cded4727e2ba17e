package org.schsm.hsm;

import java.util.Optional;
import org.schsm.InvalidInputException;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.ResponseApdu;
import org.schsm.apdu.StatusWordException;
import org.schsm.transport.CardTransport;

/**
 * The SmartCard-HSM over any {@link CardTransport}: SELECT, status, PIN commands and
 * INITIALIZE DEVICE, each guarded against blocking a PIN or erasing keys by accident
 * ({@link #force(boolean)} lifts the guard where lifting it makes sense).
 *
 * <p>The caller owns the {@link Pin} and {@link SoPin} objects it passes and closes them; the
 * copies this class puts into APDUs are cleared after sending. Not thread-safe.
 */
public final class SmartCardHsm {
    private final CardTransport transport;
    private boolean force;

    public SmartCardHsm(CardTransport transport) {
        if (transport == null) {
            throw new IllegalArgumentException("transport is null");
        }
        this.transport = transport;
    }

    /** A facade with the applet already selected. */
    public static SmartCardHsm connect(CardTransport transport) {
        SmartCardHsm hsm = new SmartCardHsm(transport);
        hsm.select();
        return hsm;
    }

    public CardTransport transport() {
        return transport;
    }

    /** With {@code true}, commands the brick guard would refuse are sent anyway (blocked PINs stay refused). */
    public SmartCardHsm force(boolean value) {
        this.force = value;
        return this;
    }

    public boolean forced() {
        return force;
    }

    /** Sends any command unguarded and returns the answer whatever its status word (for scripts). */
    public ResponseApdu transmit(CommandApdu command) {
        return transport.transmit(command);
    }

    /** {@code 00 A4 04 00 0B <AID> 00}. Also logs out: the card clears PIN verification on SELECT. */
    public AppletInfo select() {
        CommandApdu select = Apdus.select();
        ResponseApdu r = transport.transmit(select);
        if (!r.isOk()) {
            throw new StatusWordException("SELECT of the SmartCard-HSM applet", select, r.statusWord());
        }
        return Fcp.parse(r.data());
    }

    /** Ends the PIN session by selecting the applet again (what OpenSC does, ref §1.3). */
    public void logout() {
        select();
    }

    /**
     * Reads everything without spending a try: SELECT, SO-PIN and user-PIN status, DKEK status.
     * Selecting logs the user out.
     */
    public DeviceStatus status() {
        AppletInfo info = select();
        PinStatus so = pinStatus(PinReference.SO);
        PinStatus user = pinStatus(PinReference.USER);
        return DeviceStatus.of(info, user, so, dkekStatus(), transport.atr());
    }

    /** VERIFY without data, {@code 00 20 00 81|88}: spends no try. */
    public PinStatus pinStatus(PinReference ref) {
        ResponseApdu r = transport.transmit(Apdus.pinStatus(ref));
        return PinStatus.fromStatusWord(ref, r.statusWord());
    }

    /** {@code 80 52 00 00 00}; empty when the card answers 6D00 or 6A88. */
    public Optional<DkekStatus> dkekStatus() {
        return DkekStatus.parse(transport.transmit(Apdus.dkekStatus()));
    }

    /** VERIFY with data. A {@link Pin} for {@link PinReference#USER}, a {@link SoPin} for SO. */
    public void verify(PinReference ref, PinSecret secret) {
        requireMatching(ref, secret, "secret");
        String operation = "VERIFY " + ref.label();
        BrickGuard.beforePresentation(operation, pinStatus(ref), force);
        byte[] data = secret.bytes();
        Apdus.Sent sent = Apdus.sendSecret(transport, 0x00, 0x20, 0x00, ref.p2(), data);
        Apdus.check(operation, ref, sent.command(), sent.sw());
    }

    /** CHANGE REFERENCE DATA, {@code 00 24 00 81|88}, old ‖ new (SO: 8 ‖ 8 bytes). Ends transport-PIN mode. */
    public void changePin(PinReference ref, PinSecret oldSecret, PinSecret newSecret) {
        requireMatching(ref, oldSecret, "old secret");
        requireMatching(ref, newSecret, "new secret");
        String operation = "CHANGE REFERENCE DATA " + ref.label();
        PinStatus status = pinStatus(ref);
        if (status.state() != PinState.TRANSPORT_PIN) {
            // In transport-PIN mode the counter cannot be read (6984) and changing is the way out.
            BrickGuard.beforePresentation(operation, status, force);
        }
        byte[] data = new byte[oldSecret.length() + newSecret.length()];
        oldSecret.copyTo(data, 0);
        newSecret.copyTo(data, oldSecret.length());
        Apdus.Sent sent = Apdus.sendSecret(transport, 0x00, 0x24, 0x00, ref.p2(), data);
        Apdus.check(operation, ref, sent.command(), sent.sw());
    }

    /**
     * RESET RETRY COUNTER of the user PIN with the SO-PIN: P1 00 (SO-PIN ‖ new PIN) when
     * {@code newPin} is given, P1 01 (SO-PIN only, counter reset, PIN kept) when it is null.
     * A wrong SO-PIN spends an SO-PIN try.
     */
    public void resetRetryCounter(SoPin soPin, Pin newPin) {
        requireMatching(PinReference.SO, soPin, "SO-PIN");
        if (newPin != null) {
            requireMatching(PinReference.USER, newPin, "new user PIN");
        }
        String operation = "RESET RETRY COUNTER of the user PIN";
        BrickGuard.beforePresentation(operation, pinStatus(PinReference.SO), force);
        int newLength = newPin == null ? 0 : newPin.length();
        byte[] data = new byte[SoPin.LENGTH + newLength];
        soPin.copyTo(data, 0);
        if (newPin != null) {
            newPin.copyTo(data, SoPin.LENGTH);
        }
        Apdus.Sent sent = Apdus.sendSecret(transport, 0x00, 0x2C, newPin == null ? 0x01 : 0x00,
                PinReference.USER.p2(), data);
        Apdus.check(operation, PinReference.SO, sent.command(), sent.sw());
    }

    /**
     * INITIALIZE DEVICE, {@code 80 50 00 00}. Refused unless forced when the device is already
     * initialized (re-initialization erases every key), and always when the SO-PIN is blocked.
     */
    public void initialize(InitializeOptions options) {
        if (options == null) {
            throw new InvalidInputException("initialization options are required");
        }
        requireMatching(PinReference.SO, options.soPin(), "SO-PIN");
        requireMatching(PinReference.USER, options.userPin(), "user PIN");
        BrickGuard.beforeInitialize(pinStatus(PinReference.SO), force);
        byte[] data = options.encode();
        Apdus.Sent sent = Apdus.sendSecret(transport, 0x80, 0x50, 0x00, 0x00, data);
        Apdus.check("INITIALIZE DEVICE", PinReference.SO, sent.command(), sent.sw());
    }

    private static void requireMatching(PinReference ref, PinSecret secret, String what) {
        if (ref == null || secret == null) {
            throw new InvalidInputException("a PIN reference and a " + what + " are required");
        }
        if (secret.reference() != ref) {
            throw new InvalidInputException("the " + what + " is a " + secret.reference().label()
                    + " but the command is for the " + ref.label()
                    + (ref == PinReference.SO ? ": use SoPin (16 hex digits)" : ": use Pin.user(...)"));
        }
        if (secret.isCleared()) {
            throw new PinFormatException("the " + what + " has been cleared and can no longer be used");
        }
    }
}

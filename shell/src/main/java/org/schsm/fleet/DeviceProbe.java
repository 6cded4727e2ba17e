package org.schsm.fleet;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.schsm.apdu.StatusWordException;
import org.schsm.hsm.DeviceStatus;
import org.schsm.hsm.PinStatus;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.session.CardConnector;
import org.schsm.session.CardSession;
import org.schsm.session.ExitCode;
import org.schsm.transport.ReaderInfo;
import org.schsm.transport.Readers;
import org.schsm.transport.TransportException;

/**
 * What a fleet row shows of one device before its command runs: the serial from the device
 * certificate, whether it is initialized, the user PIN's state. Reads only, spends no try. A
 * device that cannot be read (no card, not a SmartCard-HSM, removed) gives {@code error} and the
 * exit code it stands for instead.
 */
record DeviceProbe(String serial, boolean initialized, PinStatus userPin, String error, int exitCode) {

    static DeviceProbe of(Readers readers, ReaderInfo device) {
        if (device.isPcsc() && !device.cardPresent()) {
            return failed("no card in the reader", ExitCode.NO_CARD);
        }
        try (CardSession session = CardConnector.open(readers, device, new PrintWriter(new StringWriter()), true, null)) {
            SmartCardHsm hsm = SmartCardHsm.connect(session.transport());
            DeviceStatus status = hsm.status();
            String serial = hsm.serialNumber().orElse("-");
            return new DeviceProbe(serial, status.initialized(), status.userPin(), null, ExitCode.OK);
        } catch (StatusWordException e) {
            return failed("not a SmartCard-HSM (" + e.getMessage() + ")", ExitCode.CARD_REFUSED);
        } catch (TransportException e) {
            return failed(e.getMessage(), ExitCode.NO_CARD);
        } catch (RuntimeException e) {
            return failed(e.getClass().getSimpleName() + ": " + e.getMessage(), ExitCode.NO_CARD);
        }
    }

    private static DeviceProbe failed(String error, int exitCode) {
        return new DeviceProbe("-", false, null, error, exitCode);
    }

    boolean ok() {
        return error == null;
    }

    /** The user PIN as a row shows it: "3 tries", "LAST TRY", "BLOCKED", "not initialized". */
    String pinText() {
        if (!ok()) {
            return "-";
        }
        if (!initialized || userPin == null) {
            return "not initialized";
        }
        return switch (userPin.state()) {
            case NOT_VERIFIED -> userPin.triesLeft() == 1 ? "LAST TRY" : userPin.triesLeft() + " tries";
            case VERIFIED -> "verified";
            case BLOCKED -> "BLOCKED";
            case TRANSPORT_PIN -> "transport PIN";
            case NOT_INITIALIZED -> "not set";
            case UNKNOWN -> "unknown " + userPin.statusWord();
        };
    }
}

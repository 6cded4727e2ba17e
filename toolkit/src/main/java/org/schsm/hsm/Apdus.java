package org.schsm.hsm;

import java.util.Arrays;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.ResponseApdu;
import org.schsm.apdu.StatusWord;
import org.schsm.apdu.StatusWordException;
import org.schsm.transport.CardTransport;

/**
 * Sending SmartCard-HSM commands and turning refusals into typed exceptions. Commands that carry
 * a secret are built as raw bytes here and cleared after sending; exceptions describe them with
 * a placeholder of the same shape, whose data {@link CommandApdu#toString()} shows as {@code **}.
 */
final class Apdus {
    static final byte[] AID = {(byte) 0xE8, 0x2B, 0x06, 0x01, 0x04, 0x01, (byte) 0x81, (byte) 0xC3, 0x1F, 0x02, 0x01};

    private Apdus() {
    }

    static CommandApdu select() {
        return new CommandApdu(0x00, 0xA4, 0x04, 0x00, AID, 256);
    }

    static CommandApdu pinStatus(PinReference ref) {
        return new CommandApdu(0x00, 0x20, 0x00, ref.p2());
    }

    static CommandApdu dkekStatus() {
        return new CommandApdu(0x80, 0x52, 0x00, 0x00, 256);
    }

    /**
     * Sends a short case-3 APDU whose data is secret, then clears {@code data} and the APDU bytes.
     * Returns the response and a redacted description of the command for exceptions.
     */
    static Sent sendSecret(CardTransport transport, int cla, int ins, int p1, int p2, byte[] data) {
        byte[] raw = new byte[5 + data.length];
        raw[0] = (byte) cla;
        raw[1] = (byte) ins;
        raw[2] = (byte) p1;
        raw[3] = (byte) p2;
        raw[4] = (byte) data.length;
        System.arraycopy(data, 0, raw, 5, data.length);
        CommandApdu placeholder = new CommandApdu(cla, ins, p1, p2, new byte[data.length]);
        try {
            return new Sent(placeholder, ResponseApdu.decode(transport.transmit(raw)));
        } finally {
            Arrays.fill(raw, (byte) 0);
            Arrays.fill(data, (byte) 0);
        }
    }

    /** Response and the command as it may be shown. */
    record Sent(CommandApdu command, ResponseApdu response) {
        StatusWord sw() {
            return response.statusWord();
        }
    }

    /** Throws the typed exception for a refused PIN-related command; returns on 9000. */
    static void check(String operation, PinReference ref, CommandApdu command, StatusWord sw) {
        int v = sw.value();
        if (v == 0x9000) {
            return;
        }
        if (sw.isRetryCounter() && sw.triesLeft() > 0) {
            throw new WrongPinException(operation, ref, command, sw);
        }
        throw switch (v) {
            case 0x6983, 0x63C0 -> new PinBlockedException(operation, ref, command, sw);
            case 0x6984 -> new TransportPinException(operation, command, sw);
            case 0x6A88 -> new NotInitializedException(operation, command, sw);
            default -> new StatusWordException(operation, command, sw);
        };
    }
}

package org.schsm.hsm;

import java.util.Arrays;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.ResponseApdu;
import org.schsm.transport.CardTransport;

/**
 * A short case-3 command whose data field holds PINs. The encoded bytes live in one buffer that
 * {@link #close()} overwrites, which {@link CommandApdu} cannot offer (it keeps its own copy).
 * The transport receives that buffer itself, so no other copy is made on our side.
 */
final class SecretCommand implements AutoCloseable {
    private static final int HEADER = 5;

    private final byte[] apdu;
    private final CommandApdu shown;
    private int fill = HEADER;

    private SecretCommand(int cla, int ins, int p1, int p2, int dataLength) {
        this(cla, ins, p1, p2, dataLength, false);
    }

    private SecretCommand(int cla, int ins, int p1, int p2, int dataLength, boolean withLe) {
        if (dataLength < 1 || dataLength > CommandApdu.MAX_SHORT_NC) {
            throw new IllegalArgumentException("secret data of " + dataLength + " bytes does not fit a short APDU");
        }
        // Case 4 ends with Le 00 (up to 256 bytes back), e.g. IMPORT DKEK SHARE answering the DKEK status.
        apdu = new byte[HEADER + dataLength + (withLe ? 1 : 0)];
        apdu[0] = (byte) cla;
        apdu[1] = (byte) ins;
        apdu[2] = (byte) p1;
        apdu[3] = (byte) p2;
        apdu[4] = (byte) dataLength;
        // Same header and length with zero data: what messages and exceptions may show.
        shown = withLe ? new CommandApdu(cla, ins, p1, p2, new byte[dataLength], CommandApdu.MAX_SHORT_NE)
                : new CommandApdu(cla, ins, p1, p2, new byte[dataLength]);
    }

    /** The data field is the given PIN values, one after the other. */
    static SecretCommand of(int cla, int ins, int p1, int p2, PinValue... parts) {
        int length = 0;
        for (PinValue part : parts) {
            length += part.length();
        }
        SecretCommand command = new SecretCommand(cla, ins, p1, p2, length);
        for (PinValue part : parts) {
            part.copyInto(command.apdu, command.fill);
            command.fill += part.length();
        }
        return command;
    }

    /** The data field is {@code data}, which is copied and then overwritten in the caller's array. */
    static SecretCommand takingData(int cla, int ins, int p1, int p2, byte[] data) {
        try {
            SecretCommand command = new SecretCommand(cla, ins, p1, p2, data.length);
            System.arraycopy(data, 0, command.apdu, HEADER, data.length);
            return command;
        } finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    /** Like {@link #takingData} with Le 00 after the data (short case 4). */
    static SecretCommand takingDataExpectingResponse(int cla, int ins, int p1, int p2, byte[] data) {
        try {
            SecretCommand command = new SecretCommand(cla, ins, p1, p2, data.length, true);
            System.arraycopy(data, 0, command.apdu, HEADER, data.length);
            return command;
        } finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    ResponseApdu transmit(CardTransport transport) {
        return ResponseApdu.decode(transport.transmit(apdu));
    }

    /** The command with its data zeroed; its {@code toString()} shows the data as {@code **}. */
    CommandApdu shown() {
        return shown;
    }

    @Override
    public void close() {
        Arrays.fill(apdu, HEADER, apdu.length, (byte) 0);
    }
}

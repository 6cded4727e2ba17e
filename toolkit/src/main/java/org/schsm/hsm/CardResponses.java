package org.schsm.hsm;

import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.ResponseApdu;
import org.schsm.apdu.StatusWordException;
import org.schsm.transport.CardTransport;

/** Sends a command and turns a refusal into a typed exception that carries the status word. */
final class CardResponses {
    static final int SW_FILE_NOT_FOUND = 0x6A82;
    /** "End of file reached before reading Le bytes": READ BINARY's normal answer for a whole-file read. */
    static final int SW_END_OF_FILE = 0x6282;

    private CardResponses() {
    }

    /** The response data when the card answered 9000. */
    static byte[] require(CardTransport transport, CommandApdu command, String operation) {
        ResponseApdu response = transport.transmit(command);
        if (!response.isOk()) {
            throw refusal(response, command, operation);
        }
        return response.data();
    }

    static StatusWordException refusal(ResponseApdu response, CommandApdu command, String operation) {
        if (response.sw() == SW_FILE_NOT_FOUND) {
            return new FileNotFoundOnCardException(operation, command, response.statusWord());
        }
        return new StatusWordException(operation, command, response.statusWord());
    }
}

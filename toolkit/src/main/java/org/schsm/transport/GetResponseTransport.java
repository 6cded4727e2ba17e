package org.schsm.transport;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.schsm.apdu.ApduFormatException;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.Instruction;

/**
 * Completes T=0 style response handling in one place: on 61xx it sends GET RESPONSE
 * ({@code 00 C0 00 00 xx}) and concatenates the data until the card stops saying 61xx; on 6Cxx
 * it resends the command once with Le = xx. The caller sees one response, as if the card had
 * answered in one go.
 *
 * <p>The generated commands go to the inner transport through
 * {@link AutoApduTransport#sendAuto}, so a {@link TracingTransport} placed inside this one marks
 * them {@code [auto]}.
 */
public final class GetResponseTransport extends TransportDecorator {
    /** Enough for a 65536-byte response fetched 256 bytes at a time, plus slack. */
    public static final int DEFAULT_MAX_ROUNDS = 260;

    private final int maxRounds;

    public GetResponseTransport(CardTransport inner) {
        this(inner, DEFAULT_MAX_ROUNDS);
    }

    public GetResponseTransport(CardTransport inner, int maxRounds) {
        super(inner);
        if (maxRounds < 1) {
            throw new IllegalArgumentException("maxRounds must be at least 1, got " + maxRounds);
        }
        this.maxRounds = maxRounds;
    }

    @Override
    public byte[] transmit(byte[] command) {
        byte[] response = inner.transmit(command);
        if (sw1(response) == 0x6C) {
            byte[] resend = withLe(command, sw2(response));
            if (resend != null) {
                response = AutoApduTransport.sendAuto(inner, resend);
            }
        }
        if (sw1(response) != 0x61) {
            return response;
        }
        return collect(command[0] & 0xFF, response);
    }

    private byte[] collect(int cla, byte[] first) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        byte[] response = first;
        int rounds = 0;
        while (sw1(response) == 0x61) {
            // Some cards send part of the data along with 61xx; keep it.
            data.write(response, 0, response.length - 2);
            if (rounds == maxRounds) {
                throw new GetResponseLimitException(rounds, data.size());
            }
            rounds++;
            byte[] getResponse = {(byte) getResponseClass(cla), (byte) Instruction.GET_RESPONSE.code(), 0, 0, (byte) sw2(response)};
            response = AutoApduTransport.sendAuto(inner, getResponse);
            if (sw1(response) == 0x6C && rounds < maxRounds) {
                rounds++;
                getResponse[4] = (byte) sw2(response);
                response = AutoApduTransport.sendAuto(inner, getResponse);
            }
        }
        data.write(response, 0, response.length);
        return data.toByteArray();
    }

    /**
     * GET RESPONSE belongs to the interindustry class: keep the logical channel of the original
     * command, drop secure messaging and the proprietary bit (the SmartCard-HSM sends 80 xx
     * commands but answers GET RESPONSE only as 00 C0).
     */
    static int getResponseClass(int cla) {
        if ((cla & 0x40) == 0) {
            return cla & 0x03;
        }
        return 0x40 | (cla & 0x0F);
    }

    /** The command with Le set to xx (00 meaning 256), or null when it is not a decodable APDU. */
    private static byte[] withLe(byte[] command, int sw2) {
        try {
            return CommandApdu.decode(command).withNe(sw2 == 0 ? 256 : sw2).bytes();
        } catch (ApduFormatException e) {
            // The caller sent raw bytes we cannot re-encode; hand back the card's 6Cxx unchanged.
            return null;
        }
    }

    private static int sw1(byte[] response) {
        requireStatus(response);
        return response[response.length - 2] & 0xFF;
    }

    private static int sw2(byte[] response) {
        return response[response.length - 1] & 0xFF;
    }

    private static void requireStatus(byte[] response) {
        if (response == null || response.length < 2) {
            throw new TransportException("the reader returned " + (response == null ? "nothing" : Arrays.toString(response))
                    + " instead of a response with two status bytes");
        }
    }
}

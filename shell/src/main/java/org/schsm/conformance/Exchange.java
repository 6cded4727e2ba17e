package org.schsm.conformance;

import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.ResponseApdu;
import org.schsm.transport.TraceFormat;

/**
 * One command and the card's answer, as a case saw it.
 *
 * @param phase   {@code setup}, {@code case} or {@code teardown}
 * @param shown   the command as it may be printed ({@link CommandApdu#describe}): secrets already {@code **}
 * @param command the bytes sent (kept in memory only, never printed)
 * @param nanos   time from sending to the answer
 */
public record Exchange(String phase, String shown, byte[] command, ResponseApdu response, long nanos) {

    /** {@code >> 00 20 00 81} and {@code << 63C3 (wrong PIN, 3 tries left) [120 us]}. */
    public String transcript() {
        return ">> " + shown + "\n<< " + TraceFormat.answer(command, response) + " [" + nanos / 1000 + " us]";
    }

    /** Same status word and data as another card's answer. */
    public boolean sameAnswer(Exchange other, boolean statusWordOnly) {
        if (response.sw() != other.response.sw()) {
            return false;
        }
        return statusWordOnly || response.equals(other.response);
    }
}

package org.schsm.conformance;

import java.util.List;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.Hex;
import org.schsm.apdu.Instruction;
import org.schsm.apdu.ResponseApdu;
import org.schsm.transport.TraceFormat;

/**
 * One command and the card's answer, as a case saw it.
 *
 * @param phase   {@code setup}, {@code case} or {@code teardown}
 * @param shown   the command as it may be printed ({@link CommandApdu#describe}): secrets already {@code **}
 * @param command the bytes sent (kept in memory only, never printed)
 * @param nanos   time from sending to the answer
 * @param expectations what the suite asserted about this answer (empty when nothing)
 */
public record Exchange(String phase, String shown, byte[] command, ResponseApdu response, long nanos,
                       List<Expectation> expectations) {

    public Exchange {
        expectations = List.copyOf(expectations);
    }

    public Exchange(String phase, String shown, byte[] command, ResponseApdu response, long nanos) {
        this(phase, shown, command, response, nanos, List.of());
    }

    /** {@code >> 00 20 00 81} and {@code << 63C3 (wrong PIN, 3 tries left) [120 us]}. */
    public String transcript() {
        return ">> " + shown + "\n<< " + shownAnswer() + " [" + nanos / 1000 + " us]";
    }

    /** The answer as it may be printed: DECIPHER's plaintext or shared secret is {@code **}. */
    public String shownAnswer() {
        return TraceFormat.answer(command, response);
    }

    /** Whether the answer data is a secret that no report may show (DECIPHER). */
    public boolean secretAnswer() {
        return command.length > 1 && Instruction.secretAnswer(command[1]) && response.data().length > 0;
    }

    /** {@code hex} of some answer bytes, or {@code **} when the answer is a secret. */
    String shownBytes(byte[] bytes) {
        return secretAnswer() ? "**" : Hex.spaced(bytes);
    }

    /**
     * What the suite asserted about this answer, one text per expectation (time excluded), or
     * only the status word with {@code statusWordOnly}; what a differential run compares.
     */
    public List<String> asserted(boolean statusWordOnly) {
        if (statusWordOnly) {
            return List.of(response.statusWord().toString());
        }
        List<String> out = new java.util.ArrayList<>(expectations.size());
        for (Expectation e : expectations) {
            e.observed(this).ifPresent(out::add);
        }
        return out;
    }
}

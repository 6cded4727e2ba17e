package org.schsm.shell;

import java.util.List;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.Instruction;
import org.schsm.apdu.StatusWord;
import org.schsm.apdu.StatusWordException;

/**
 * {@code send(..., expect: [...])} got a status word outside the expected set. The message names
 * the command (PIN data shown as {@code **}), what was expected and what came back, each with its
 * meaning.
 */
public class UnexpectedStatusWordException extends StatusWordException {
    private final List<Integer> expected;
    private final String message;

    public UnexpectedStatusWordException(CommandApdu command, StatusWord actual, ExpectedStatusWords expected) {
        super(Instruction.nameOf(command.ins()), command, actual);
        this.expected = expected.values();
        this.message = Instruction.nameOf(command.ins()) + " (" + command + ") answered " + actual
                + "; expected " + expected.describe();
    }

    /** The expected status words, ranges flattened. */
    public List<Integer> expected() {
        return expected;
    }

    @Override
    public String getMessage() {
        return message;
    }
}

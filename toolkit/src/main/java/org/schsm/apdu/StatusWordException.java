package org.schsm.apdu;

import org.schsm.SchsmException;

/**
 * The card refused a command. Carries the command (its data redacted when it holds a secret)
 * and the status word with its meaning.
 */
public class StatusWordException extends SchsmException {
    private final String command;
    private final StatusWord statusWord;

    public StatusWordException(String operation, CommandApdu command, StatusWord statusWord) {
        super(operation + " refused by the card: " + statusWord);
        this.command = command == null ? "" : command.toString();
        this.statusWord = statusWord;
    }

    /** The command as it may be shown: secret data already replaced by {@code **}. */
    public String command() {
        return command;
    }

    public StatusWord statusWord() {
        return statusWord;
    }
}

package org.schsm.session;

/** The exit codes of every schsm command; scripts and CI pipelines branch on them. */
public final class ExitCode {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The card refused a command; the status word and its meaning were printed. */
    public static final int CARD_REFUSED = 1;
    /** Usage error or bad input; nothing was sent to the card. */
    public static final int BAD_INPUT = 2;
    /** No PC/SC service, no reader, no card, or the card was lost during the session. */
    public static final int NO_CARD = 3;
    /** The brick guard refused an operation that could block a PIN or erase keys. */
    public static final int GUARD = 4;

    private ExitCode() {
    }
}

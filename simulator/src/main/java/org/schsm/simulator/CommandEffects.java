package org.schsm.simulator;

/**
 * Which commands can change a SmartCard-HSM's persistent state, so a host knows when to save it:
 * the vpcd bridge before it answers pcscd, the command line's embedded card before it returns an
 * answer. The rule is conservative: everything may change state except commands known to only read.
 * A refused command still counts (a wrong VERIFY decrements the retry counter), and a PIN status
 * query is read-only only because it carries no data.
 */
public final class CommandEffects {
    private static final int INS_SELECT = 0xA4;
    private static final int INS_READ_BINARY = 0xB0;
    private static final int INS_READ_BINARY_ODD = 0xB1;
    private static final int INS_GET_RESPONSE = 0xC0;
    private static final int INS_GET_CHALLENGE = 0x84;
    private static final int INS_VERIFY = 0x20;
    private static final int INS_ENUMERATE_OBJECTS = 0x58;
    private static final int INS_IMPORT_DKEK_SHARE = 0x52;
    private static final int INS_PUBLIC_KEY_AUTH = 0x54;
    private static final int SHORT_HEADER_AND_LE = 5;
    private static final int EXTENDED_HEADER_AND_LE = 7;
    private static final int HEADER = 4;

    private CommandEffects() {
    }

    public static boolean mayChangeState(byte[] command) {
        if (command.length < HEADER) {
            return false; // never reaches the applet's state
        }
        int cla = command[0] & 0xFF;
        int ins = command[1] & 0xFF;
        boolean noData = command.length <= SHORT_HEADER_AND_LE
                || command.length == EXTENDED_HEADER_AND_LE && command[4] == 0; // extended Le only
        boolean proprietary = (cla & 0x80) != 0;
        switch (ins) {
            case INS_SELECT, INS_READ_BINARY, INS_READ_BINARY_ODD, INS_GET_RESPONSE, INS_GET_CHALLENGE:
                return false;
            case INS_VERIFY:
                return !noData;
            case INS_ENUMERATE_OBJECTS:
                return !proprietary;
            case INS_IMPORT_DKEK_SHARE, INS_PUBLIC_KEY_AUTH:
                return !(proprietary && noData);
            default:
                return true;
        }
    }
}

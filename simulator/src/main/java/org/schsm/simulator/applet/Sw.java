package org.schsm.simulator.applet;

/**
 * Status words the applet answers that {@code javacard.framework.ISO7816} has no constant for,
 * plus the ISO ones under the names the SmartCard-HSM documentation uses.
 */
interface Sw {
    /** Warning: end of file reached before Ne bytes were read (data is returned with it). */
    short END_OF_FILE = (short) 0x6282;
    /** 63Cx: verification failed, x tries left; OR the count into the low nibble. */
    short TRIES_LEFT_BASE = (short) 0x63C0;
    /** Wrong length of the command data (Lc) or of a PIN in it. */
    short WRONG_LENGTH = (short) 0x6700;
    /** A PIN that must be verified first (or a file that may never be read). */
    short SECURITY_STATUS_NOT_SATISFIED = (short) 0x6982;
    /** Authentication method (PIN) blocked. */
    short AUTH_METHOD_BLOCKED = (short) 0x6983;
    /** Referenced data not usable: the user PIN is still a transport PIN. */
    short REFERENCE_DATA_NOT_USABLE = (short) 0x6984;
    /** A key's use counter is exhausted (what the vendor's PKCS#11 module expects). */
    short COUNTER_EXPIRED = (short) 0x6984;
    short CONDITIONS_NOT_SATISFIED = (short) 0x6985;
    short COMMAND_NOT_ALLOWED = (short) 0x6986;
    /** Incorrect parameters in the command data field (malformed TLV, bad value). */
    short WRONG_DATA = (short) 0x6A80;
    short FUNCTION_NOT_SUPPORTED = (short) 0x6A81;
    short FILE_NOT_FOUND = (short) 0x6A82;
    short NOT_ENOUGH_MEMORY = (short) 0x6A84;
    /** The file (or key id) to be created exists already. */
    short FILE_EXISTS = (short) 0x6A89;
    short INCORRECT_P1P2 = (short) 0x6A86;
    /** Referenced data (PIN reference, DKEK) not found: also "device never initialized". */
    short REFERENCED_DATA_NOT_FOUND = (short) 0x6A88;
    /** Wrong parameters: offset outside the EF. */
    short WRONG_P1P2 = (short) 0x6B00;
    /** Wrong Le; SW2 carries the exact number of available bytes. */
    short WRONG_LE_BASE = (short) 0x6C00;
    short INS_NOT_SUPPORTED = (short) 0x6D00;
    short CLA_NOT_SUPPORTED = (short) 0x6E00;
}

package org.schsm.testkit;

/**
 * The SmartCard-HSM facts every module's tests use, written once: the applet's AID and its SELECT,
 * the card's ATR, the PINs the tests initialize cards with, and the answers a scripted card gives.
 * Hex is spaced as the toolkit prints it; {@code Hex.decode} and the scripted cards accept any spacing.
 */
public final class HsmConstants {
    /** The SmartCard-HSM applet AID (CardContact, 1.3.6.1.4.1.24991.2.1 in DER OID form). */
    public static final String AID = "E8 2B 06 01 04 01 81 C3 1F 02 01";
    /** SELECT by AID, first or only occurrence, Le 00. */
    public static final String SELECT = "00 A4 04 00 0B " + AID + " 00";
    /** The ATR of a SmartCard-HSM 4K, which the simulator copies. */
    public static final String ATR = "3B FE 18 00 00 81 31 FE 45 80 31 81 54 48 53 4D 31 73 80 21 40 81 07 FA";

    /** The user PIN the tests initialize cards with, as typed. */
    public static final String USER_PIN = "648219";
    /** {@link #USER_PIN} as it travels in a command's data field (ASCII). */
    public static final String USER_PIN_HEX = "36 34 38 32 31 39";
    /** The default SO-PIN of a new SmartCard-HSM, as typed (16 hex digits) and as sent: ASCII "57621880". */
    public static final String DEFAULT_SO_PIN = "3537363231383830";

    /** INITIALIZE DEVICE: options 0001, user PIN {@link #USER_PIN}, SO-PIN {@link #DEFAULT_SO_PIN}, 3 tries. */
    public static final String INITIALIZE = "80 50 00 00 19 80 02 00 01 81 06 " + USER_PIN_HEX + " 82 08 "
            + "35 37 36 32 31 38 38 30" + " 91 01 03";

    /** pico-hsm / simulator FCP after SELECT: options 0001, build FF, version 3.6; followed by 9000. */
    public static final String FCP_RRC = "62 17 82 01 38 84 0B " + AID + " 85 05 00 01 FF 03 06 90 00";
    /** VERIFY without data: the user PIN's status, no try spent. */
    public static final String USER_STATUS = "00 20 00 81";
    /** VERIFY without data: the SO-PIN's status, no try spent. */
    public static final String SO_STATUS = "00 20 00 88";
    /** MANAGE DKEK without data: the DKEK status. */
    public static final String DKEK_STATUS = "80 52 00 00 00";

    private HsmConstants() {
    }

    /** {@code hex} without its spaces, as {@code Hex.encode} prints it. */
    public static String compact(String hex) {
        return hex.replace(" ", "");
    }
}

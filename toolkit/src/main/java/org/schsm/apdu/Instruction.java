package org.schsm.apdu;

import java.util.Optional;

/**
 * The instructions schsm knows, by INS byte: the ISO 7816-4 or SmartCard-HSM name, whether the
 * command data (or the answer) carries a secret, and whether the command can change the card's persistent state.
 * This is the one place that knows these facts; redaction in traces, reports and history, the
 * names in messages and the simulator's save rule all read them from here.
 *
 * <p>Secrecy is decided by the INS byte alone, never by the class byte and never by whether the
 * command is well formed: a suite that sends INITIALIZE DEVICE in class 00, or VERIFY with secure
 * messaging bits in its class, still carries PINs, and a malformed APDU's data is still a PIN to
 * whoever typed it. No instruction here needs P1/P2 for the decision: IMPORT DKEK SHARE with P1
 * other than 00 (key domains, reference keys §4.2) carries a share count or a certificate, which
 * is hidden as well, because that layout is known from pico-hsm only.
 */
public enum Instruction {
    VERIFY(0x20, "VERIFY", true, Effect.WITH_DATA),
    MANAGE_SECURITY_ENVIRONMENT(0x22, "MANAGE SECURITY ENVIRONMENT", false, Effect.ALWAYS),
    CHANGE_REFERENCE_DATA(0x24, "CHANGE REFERENCE DATA", true, Effect.ALWAYS),
    RESET_RETRY_COUNTER(0x2C, "RESET RETRY COUNTER", true, Effect.ALWAYS),
    GENERATE_ASYMMETRIC_KEY_PAIR(0x46, "GENERATE ASYMMETRIC KEY PAIR", false, Effect.ALWAYS),
    GENERATE_SYMMETRIC_KEY(0x48, "GENERATE SYMMETRIC KEY", false, Effect.ALWAYS),
    INITIALIZE_DEVICE(0x50, "INITIALIZE DEVICE", true, Effect.ALWAYS),
    /** Without data: the DKEK status query. With P1 other than 00: key domain management. */
    IMPORT_DKEK_SHARE(0x52, "IMPORT DKEK SHARE", true, Effect.WITH_DATA),
    /** Without data: the status of public-key authentication. */
    MANAGE_PUBLIC_KEY_AUTHENTICATION(0x54, "MANAGE PUBLIC KEY AUTHENTICATION", false, Effect.WITH_DATA),
    ENUMERATE_OBJECTS(0x58, "ENUMERATE OBJECTS", false, Effect.NEVER),
    /** RSA decryption and ECDH (P2 80): the answer (a plaintext, a shared secret) is secret, the command data is not. */
    DECIPHER(0x62, "DECIPHER", false, Effect.ALWAYS, true),
    /** Counts as a change: a key may have a use counter. */
    COMPUTE_SIGNATURE(0x68, "COMPUTE SIGNATURE", false, Effect.ALWAYS),
    WRAP_KEY(0x72, "WRAP KEY", false, Effect.ALWAYS),
    /** The data is a key blob encrypted under the DKEK, not a clear key. */
    UNWRAP_KEY(0x74, "UNWRAP KEY", false, Effect.ALWAYS),
    GET_CHALLENGE(0x84, "GET CHALLENGE", false, Effect.NEVER),
    SELECT(0xA4, "SELECT", false, Effect.NEVER),
    READ_BINARY(0xB0, "READ BINARY", false, Effect.NEVER),
    /** READ BINARY with the offset in tag 54 (odd INS). */
    READ_BINARY_ODD(0xB1, "READ BINARY", false, Effect.NEVER),
    GET_RESPONSE(0xC0, "GET RESPONSE", false, Effect.NEVER),
    UPDATE_BINARY(0xD6, "UPDATE BINARY", false, Effect.ALWAYS),
    /** UPDATE BINARY with offset and data in tags 54 and 53 (odd INS); also creates an EF. */
    UPDATE_BINARY_ODD(0xD7, "UPDATE BINARY", false, Effect.ALWAYS),
    /** The simulator's personalisation of EF.C_DevAut (docs/simulator.md). */
    PUT_DATA(0xDA, "PUT DATA", false, Effect.ALWAYS),
    DELETE_FILE(0xE4, "DELETE FILE", false, Effect.ALWAYS);

    /** When a command can change what the card keeps over a power cycle. */
    private enum Effect {
        /** Only reads, whatever its data. */
        NEVER,
        /** Reads when it has no data (a status query), writes when it has (a wrong PIN costs a try). */
        WITH_DATA,
        /** Can write, also when refused. */
        ALWAYS
    }

    private static final int HEADER = 4;
    private static final int SHORT_HEADER_AND_LE = 5;
    private static final int EXTENDED_HEADER_AND_LE = 7;
    private static final Instruction[] BY_CODE = new Instruction[256];

    static {
        for (Instruction i : values()) {
            BY_CODE[i.code] = i;
        }
    }

    private final int code;
    private final String standardName;
    private final boolean secretData;
    private final Effect effect;
    private final boolean secretAnswer;

    Instruction(int code, String standardName, boolean secretData, Effect effect) {
        this(code, standardName, secretData, effect, false);
    }

    Instruction(int code, String standardName, boolean secretData, Effect effect, boolean secretAnswer) {
        this.code = code;
        this.standardName = standardName;
        this.secretData = secretData;
        this.effect = effect;
        this.secretAnswer = secretAnswer;
    }

    /** The INS byte. */
    public int code() {
        return code;
    }

    /** The name a card engineer looks for: {@code CHANGE REFERENCE DATA}. */
    public String standardName() {
        return standardName;
    }

    /** True when the command data of this instruction, if any, is a secret. */
    public boolean carriesSecret() {
        return secretData;
    }

    /** The instruction with this INS byte, if schsm knows it. */
    public static Optional<Instruction> of(int ins) {
        return Optional.ofNullable(BY_CODE[ins & 0xFF]);
    }

    /** The standard name of an INS byte, or {@code INS xx} for one schsm does not know. */
    public static String nameOf(int ins) {
        Instruction i = BY_CODE[ins & 0xFF];
        return i != null ? i.standardName : "INS " + Hex.byteHex(ins);
    }

    /**
     * True when a command with this INS byte may carry a secret in whatever follows its header.
     * Decided by the INS byte only, so it holds for any class byte and for malformed commands.
     */
    public static boolean secretAfterHeader(int ins) {
        Instruction i = BY_CODE[ins & 0xFF];
        return i != null && i.secretData;
    }

    /** True when the response data to a command with this INS byte is a secret, whatever the class byte. */
    public static boolean secretAnswer(int ins) {
        Instruction i = BY_CODE[ins & 0xFF];
        return i != null && i.secretAnswer;
    }

    /**
     * Whether {@code command} may change the card's persistent state, so that a host knows when
     * to save a simulated card. Conservative: unknown instructions may; a refused command still
     * counts (a wrong VERIFY costs a try); a command too short to have a header never reaches
     * the card's state. The class byte plays no part.
     */
    public static boolean mayChangeState(byte[] command) {
        if (command.length < HEADER) {
            return false;
        }
        Instruction i = BY_CODE[command[1] & 0xFF];
        if (i == null) {
            return true;
        }
        return switch (i.effect) {
            case NEVER -> false;
            case ALWAYS -> true;
            case WITH_DATA -> !(command.length <= SHORT_HEADER_AND_LE
                    || command.length == EXTENDED_HEADER_AND_LE && command[4] == 0); // extended Le only
        };
    }
}

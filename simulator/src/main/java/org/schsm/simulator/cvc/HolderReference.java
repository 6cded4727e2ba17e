package org.schsm.simulator.cvc;

import java.util.Objects;
import java.util.regex.Pattern;
import org.schsm.InvalidInputException;

/**
 * A certificate holder (or authority) reference as BSI TR-03110 defines it: a two-letter
 * country code, a holder mnemonic of up to nine characters and a five-character sequence
 * number, written together without separators, at most 16 characters.
 *
 * <p>The SmartCard-HSM's serial number is the device certificate's holder reference without
 * its sequence number: OpenSC's PKCS#15 emulation takes the CHR of the first certificate in
 * EF.C_DevAut and drops the last five characters (and rejects a CHR shorter than eight).
 */
public record HolderReference(String countryCode, String mnemonic, String sequenceNumber) {
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern MNEMONIC = Pattern.compile("[A-Za-z0-9]{1,9}");
    private static final Pattern SEQUENCE = Pattern.compile("[A-Za-z0-9]{5}");
    private static final int SEQUENCE_LENGTH = 5;
    private static final int MIN_LENGTH = 8;
    private static final int MAX_LENGTH = 16;

    public HolderReference {
        Objects.requireNonNull(countryCode, "countryCode");
        Objects.requireNonNull(mnemonic, "mnemonic");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        if (!COUNTRY.matcher(countryCode).matches()) {
            throw new InvalidInputException("country code '" + countryCode + "' is not two capital letters");
        }
        if (!MNEMONIC.matcher(mnemonic).matches()) {
            throw new InvalidInputException("holder mnemonic '" + mnemonic + "' must be 1 to 9 letters or digits");
        }
        if (!SEQUENCE.matcher(sequenceNumber).matches()) {
            throw new InvalidInputException("sequence number '" + sequenceNumber + "' must be 5 letters or digits");
        }
        if (countryCode.length() + mnemonic.length() + sequenceNumber.length() < MIN_LENGTH) {
            throw new InvalidInputException("holder reference " + countryCode + mnemonic + sequenceNumber
                    + " is shorter than " + MIN_LENGTH + " characters; OpenSC rejects it");
        }
    }

    /** Splits a written reference: two characters country, five sequence, the rest mnemonic. */
    public static HolderReference parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() < MIN_LENGTH || text.length() > MAX_LENGTH) {
            throw new InvalidInputException("holder reference '" + text + "' must have " + MIN_LENGTH + " to "
                    + MAX_LENGTH + " characters");
        }
        int sequenceStart = text.length() - SEQUENCE_LENGTH;
        return new HolderReference(text.substring(0, 2), text.substring(2, sequenceStart),
                text.substring(sequenceStart));
    }

    /**
     * The reference of simulated device number {@code device} (0..9999): country DE, mnemonic
     * {@code SCHSM} followed by four digits, sequence {@code 00001}; its serial number is, for
     * device 1, {@code DESCHSM0001}.
     */
    public static HolderReference simulatedDevice(int device) {
        if (device < 0 || device > 9999) {
            throw new InvalidInputException("simulated device number " + device + " is not in 0..9999");
        }
        return new HolderReference("DE", String.format("SCHSM%04d", device), "00001");
    }

    /**
     * A fresh reference for a simulated device: country ZZ (no country: a simulator), mnemonic
     * {@code SIM} followed by six random letters or digits (2 billion values, so two simulated
     * cards practically never share a serial), sequence {@code 00000}; serial e.g.
     * {@code ZZSIM4K7Q0B}.
     */
    public static HolderReference randomSimulatedDevice(java.security.SecureRandom random) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        StringBuilder name = new StringBuilder("SIM");
        for (int i = 0; i < 6; i++) {
            name.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return new HolderReference("ZZ", name.toString(), "00000");
    }

    /** The serial number OpenSC derives: the reference without its sequence number. */
    public String serialNumber() {
        return countryCode + mnemonic;
    }

    /** The reference as written in tag 42 or 5F20. */
    @Override
    public String toString() {
        return countryCode + mnemonic + sequenceNumber;
    }
}

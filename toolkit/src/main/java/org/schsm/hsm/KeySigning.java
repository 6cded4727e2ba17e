package org.schsm.hsm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import org.schsm.InvalidInputException;
import org.schsm.apdu.Hex;
import org.schsm.hsm.pkcs15.KeyType;

/**
 * Signing a message with a card key the way OpenSC does it (keys.md §3.2): the host hashes; EC
 * keys sign the hash with algorithm {@code 70} and the card answers DER, which is what
 * {@code openssl dgst -verify} takes; RSA keys get the PKCS#1 v1.5 block (DigestInfo, RFC 8017
 * 9.2) built on the host and signed raw with {@code 20}, since OpenSC pads itself for this card.
 * A key whose algorithm list (its {@link KeyUsage}, when read) leaves out {@code 70} or
 * {@code 20} but allows the card-hashing variant ({@code 71}..{@code 75}, {@code 31}..{@code 35})
 * signs with that one instead: the card hashes the whole message, and the signature is the same
 * kind, so it verifies the same way.
 */
public final class KeySigning {
    /** DER DigestInfo prefixes of RFC 8017 section 9.2, note 1. */
    private static final Map<String, String> DIGEST_INFO = Map.of(
            "SHA-1", "3021300906052B0E03021A05000414",
            "SHA-256", "3031300D060960864801650304020105000420",
            "SHA-384", "3041300D060960864801650304020205000430",
            "SHA-512", "3051300D060960864801650304020305000440");
    public static final int ALG_RSA_RAW = 0x20;
    public static final int ALG_ECDSA = 0x70;
    /** The card-hashing algorithm ids by hash (keys.md §3.1). */
    private static final Map<String, Integer> ECDSA_HASHING = Map.of("SHA-1", 0x71, "SHA-256", 0x73,
            "SHA-384", 0x74, "SHA-512", 0x75);
    private static final Map<String, Integer> RSA_PKCS1_HASHING = Map.of("SHA-1", 0x31, "SHA-256", 0x33,
            "SHA-384", 0x34, "SHA-512", 0x35);

    private KeySigning() {
    }

    /** {@code sha256} and friends as the JDK names them ({@code SHA-256}). */
    public static String hashName(String option) {
        String name = switch (option.toLowerCase(Locale.ROOT).replace("-", "")) {
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> null;
        };
        if (name == null) {
            throw new InvalidInputException("hash '" + option + "' is not one of sha1, sha256, sha384, sha512");
        }
        return name;
    }

    /** Hashes {@code message} and has key {@code key} sign it with the key's natural scheme. */
    public static byte[] sign(SmartCardHsm hsm, KeyInfo key, String hash, byte[] message) {
        byte[] digest = digest(hash, message);
        KeyType type = key.type().orElseThrow(() -> new InvalidInputException(
                "the type of key " + key.idHex() + " is unknown (no description or CV request on the card)"));
        boolean ec = type == KeyType.EC;
        int hostHashing = ec ? ALG_ECDSA : ALG_RSA_RAW;
        int cardHashing = (ec ? ECDSA_HASHING : RSA_PKCS1_HASHING).get(hash);
        if (!allows(key, hostHashing) && allows(key, cardHashing)) {
            return hsm.computeSignature(key.id(), cardHashing, message);
        }
        if (ec) {
            return hsm.computeSignature(key.id(), ALG_ECDSA, digest);
        }
        return hsm.computeSignature(key.id(), ALG_RSA_RAW, pkcs1Block(hash, digest, key.sizeBits()));
    }

    /** False only when the key's usage was read and its algorithm list leaves {@code algorithm} out. */
    private static boolean allows(KeyInfo key, int algorithm) {
        return key.usage().map(u -> !u.reported() || u.algorithms().isEmpty() || u.algorithms().contains(algorithm))
                .orElse(true);
    }

    /** {@code 00 01 FF..FF 00 DigestInfo} of the modulus length. */
    static byte[] pkcs1Block(String hash, byte[] digest, int modulusBits) {
        byte[] prefix = Hex.decode(DIGEST_INFO.get(hash));
        int length = (modulusBits + 7) / 8;
        int t = prefix.length + digest.length;
        if (length < t + 11) {
            throw new InvalidInputException("an RSA key of " + modulusBits + " bits is too short for " + hash);
        }
        byte[] block = new byte[length];
        block[1] = 0x01;
        java.util.Arrays.fill(block, 2, length - t - 1, (byte) 0xFF);
        System.arraycopy(prefix, 0, block, length - t, prefix.length);
        System.arraycopy(digest, 0, block, length - digest.length, digest.length);
        return block;
    }

    private static byte[] digest(String hash, byte[] message) {
        try {
            return MessageDigest.getInstance(hash).digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(hash + " is always in the JDK", e);
        }
    }
}

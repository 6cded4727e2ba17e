package org.schsm.hsm;

import java.util.List;
import java.util.Locale;
import org.schsm.InvalidInputException;
import org.schsm.hsm.pkcs15.KeyType;

/**
 * What key to generate: an EC key on a named curve or an RSA key of a modulus size. Written
 * {@code ec:secp256r1}, {@code ec:brainpoolP256r1} or {@code rsa:2048} on the command line.
 */
public record KeySpec(KeyType type, String curve, int bits) {
    /** The curves the SmartCard-HSM offers and OpenSC's curve table knows (keys.md §2.1, S3). */
    public static final List<String> CURVES = List.of("secp192r1", "secp256r1", "secp384r1", "secp521r1",
            "brainpoolP192r1", "brainpoolP224r1", "brainpoolP256r1", "brainpoolP320r1", "brainpoolP384r1",
            "brainpoolP512r1", "secp192k1", "secp256k1");

    public static KeySpec ec(String curve) {
        for (String known : CURVES) {
            if (known.equalsIgnoreCase(curve)) {
                return new KeySpec(KeyType.EC, known, 0);
            }
        }
        throw new InvalidInputException("unknown curve '" + curve + "'; known: " + String.join(", ", CURVES));
    }

    public static KeySpec rsa(int bits) {
        if (bits < 1024 || bits > 4096 || bits % 256 != 0) {
            throw new InvalidInputException("RSA key size must be a multiple of 256 from 1024 to 4096, not " + bits);
        }
        return new KeySpec(KeyType.RSA, null, bits);
    }

    /** {@code ec:<curve>} or {@code rsa:<bits>}. */
    public static KeySpec parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new InvalidInputException("key type '" + text + "' must be ec:<curve> or rsa:<bits>, e.g. ec:secp256r1");
        }
        String kind = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String arg = text.substring(colon + 1);
        return switch (kind) {
            case "ec" -> ec(arg);
            case "rsa" -> {
                try {
                    yield rsa(Integer.parseInt(arg));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("RSA key size '" + arg + "' is not a number");
                }
            }
            default -> throw new InvalidInputException("key type '" + kind + "' must be ec or rsa");
        };
    }

    @Override
    public String toString() {
        return type == KeyType.EC ? "ec:" + curve : "rsa:" + bits;
    }
}

package org.schsm.hsm;

import java.util.Base64;
import java.util.Optional;
import org.schsm.InvalidInputException;
import org.schsm.hsm.cvc.CvPublicKey;
import org.schsm.hsm.cvc.EcCurves;
import org.schsm.hsm.pkcs15.KeyType;
import org.schsm.hsm.pkcs15.PrivateKeyDescription;

/**
 * One key on the card as {@code schsm keys} shows it: the key id (low byte of {@code CC<id>}),
 * type and size (or curve) from the CV request or certificate in {@code CE<id>} or, failing that,
 * from the PKCS#15 description in {@code C4<id>}, and the label from that description.
 *
 * @param publicKey  from a CV request in {@code CE<id>}; empty for an X.509 certificate or no CE
 * @param credential what {@code CE<id>} holds
 * @param usage      allowed algorithms and use counter from the key's FCP ({@link KeyUsage}); empty when
 *                   not read: {@link SmartCardHsm#keys()} does not read it (it costs one SELECT per key),
 *                   {@link SmartCardHsm#keysWithUsage()} and {@link SmartCardHsm#key(int)} do
 */
public record KeyInfo(int id, Optional<KeyType> type, int sizeBits, Optional<String> curve, Optional<String> label,
        Optional<CvPublicKey> publicKey, Credential credential, Optional<byte[]> credentialBytes,
        Optional<PrivateKeyDescription> description, Optional<KeyUsage> usage) {

    /** The content of {@code CE<id>}, told apart by its first tag (keys.md §1.2). */
    public enum Credential {
        /** {@code 67}: the authenticated CV request the card made at key generation. */
        CV_REQUEST,
        /** {@code 30}: an X.509 certificate written by the host. */
        X509_CERTIFICATE,
        /** {@code 7F21}: a CV certificate. */
        CV_CERTIFICATE,
        NONE,
        OTHER;

        static Credential of(byte[] content) {
            if (content == null || content.length == 0) {
                return NONE;
            }
            int first = content[0] & 0xFF;
            if (first == 0x67) {
                return CV_REQUEST;
            }
            if (first == 0x30) {
                return X509_CERTIFICATE;
            }
            if (first == 0x7F && content.length > 1 && content[1] == 0x21) {
                return CV_CERTIFICATE;
            }
            return OTHER;
        }

        /** Lower-case words for people and JSON: {@code request}, {@code certificate}, ... */
        public String word() {
            return switch (this) {
                case CV_REQUEST -> "request";
                case X509_CERTIFICATE -> "certificate";
                case CV_CERTIFICATE -> "cv-certificate";
                case NONE -> "none";
                case OTHER -> "other";
            };
        }
    }

    /**
     * The public key from the CV request or certificate in {@code CE<id>}, as a JCA key whose
     * encoding is an X.509 SubjectPublicKeyInfo (what openssl reads).
     *
     * @throws InvalidInputException the card holds no CV request or certificate for this key
     */
    public java.security.PublicKey jcaPublicKey() {
        return EcCurves.jcaPublicKey(publicKey.orElseThrow(() -> new InvalidInputException(
                "key " + idHex() + " has no CV request in CE" + idHex() + " to take the public key from")));
    }

    /** {@link #jcaPublicKey()} as PEM ({@code -----BEGIN PUBLIC KEY-----}), lines of 64 characters. */
    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(jcaPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** This key with {@code usage} as read from its FCP. */
    public KeyInfo withUsage(KeyUsage keyUsage) {
        return new KeyInfo(id, type, sizeBits, curve, label, publicKey, credential, credentialBytes, description,
                Optional.of(keyUsage));
    }

    /**
     * One line, as the shell prints a key: {@code key 01: EC 256 bits secp256r1, label "signer", request},
     * followed by the usage when it was read ({@code , algorithms any, uses left unlimited, key domain 0}).
     */
    @Override
    public String toString() {
        return "key " + idHex() + ": " + type.map(Enum::name).orElse("?") + " "
                + (sizeBits > 0 ? sizeBits + " bits" : "? bits") + curve.map(c -> " " + c).orElse("")
                + label.map(l -> ", label \"" + l + "\"").orElse("") + ", " + credential.word()
                + usage.map(u -> ", " + u.describe()).orElse("");
    }

    /** {@code 0x0C} for key id 12: how schsm writes key ids. */
    public String idHex() {
        return String.format("%02X", id);
    }
}

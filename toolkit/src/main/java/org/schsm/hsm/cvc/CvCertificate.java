package org.schsm.hsm.cvc;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.schsm.apdu.Hex;
import org.schsm.tlv.Tlv;
import org.schsm.tlv.TlvFormatException;
import org.schsm.tlv.TlvReader;

/**
 * A card-verifiable certificate or CV request (tag 7F21, BSI TR-03110 part 3 appendix C): a body
 * 7F4E with profile identifier 5F29, authority reference 42 (CAR), public key 7F49, holder
 * reference 5F20 (CHR) and, in certificates, holder authorization 7F4C and dates 5F25/5F24;
 * then the signature 5F37 over the encoded body, for ECDSA as plain {@code r || s}.
 *
 * <p>A CV request made by the SmartCard-HSM's key generation has no CHAT and no dates
 * (keys.md §2.2), so those are optional here.
 *
 * @param encoded       the whole 7F21 object as read
 * @param signedBody    the encoded 7F4E object exactly as read: the bytes the signature covers
 * @param authorityReference CAR (42), empty in a request without one
 * @param holderReference    CHR (5F20)
 */
public record CvCertificate(byte[] encoded, byte[] signedBody, int profileIdentifier,
        Optional<String> authorityReference, CvPublicKey publicKey, String holderReference,
        Optional<byte[]> holderAuthorization, Optional<LocalDate> effectiveDate, Optional<LocalDate> expirationDate,
        byte[] signature) {

    public static final int TAG = 0x7F21;
    private static final int TAG_BODY = 0x7F4E;
    private static final int TAG_SIGNATURE = 0x5F37;

    /** Decodes exactly one CV certificate. */
    public static CvCertificate decode(byte[] encoded) {
        List<CvCertificate> all = decodeAll(encoded);
        if (all.size() != 1) {
            throw new CvcFormatException("expected one CV certificate, found " + all.size());
        }
        return all.get(0);
    }

    /** Decodes a sequence of CV certificates written one after the other, as in EF 2F02. */
    public static List<CvCertificate> decodeAll(byte[] data) {
        List<CvCertificate> out = new ArrayList<>();
        int pos = 0;
        while (pos < data.length) {
            int length = RawTlv.encodedLength(data, pos);
            out.add(decodeOne(Arrays.copyOfRange(data, pos, pos + length)));
            pos += length;
        }
        return out;
    }

    private static CvCertificate decodeOne(byte[] encoded) {
        Tlv outer;
        try {
            outer = TlvReader.readOne(encoded);
        } catch (TlvFormatException e) {
            throw new CvcFormatException("CV certificate is not valid BER-TLV: " + e.getMessage(), e);
        }
        if (outer.tag() != TAG) {
            throw new CvcFormatException("CV certificate must start with tag 7F21, found " + Tlv.tagHex(outer.tag()));
        }
        Tlv body = outer.child(TAG_BODY)
                .orElseThrow(() -> new CvcFormatException("CV certificate has no body (7F4E)"));
        byte[] signature = outer.child(TAG_SIGNATURE).map(Tlv::value)
                .orElseThrow(() -> new CvcFormatException("CV certificate has no signature (5F37)"));
        byte[] value = outer.value();
        int bodyStart = RawTlv.find(value, TAG_BODY);
        byte[] signedBody = Arrays.copyOfRange(value, bodyStart, bodyStart + RawTlv.encodedLength(value, bodyStart));

        int profile = body.child(0x5F29).map(t -> t.value().length == 1 ? t.value()[0] & 0xFF : -1)
                .orElseThrow(() -> new CvcFormatException("CV certificate body has no profile identifier (5F29)"));
        Optional<String> car = body.child(0x42).map(t -> text(t.value()));
        CvPublicKey key = CvPublicKey.decode(body.child(0x7F49)
                .orElseThrow(() -> new CvcFormatException("CV certificate body has no public key (7F49)")));
        String chr = body.child(0x5F20).map(t -> text(t.value()))
                .orElseThrow(() -> new CvcFormatException("CV certificate body has no holder reference (5F20)"));
        Optional<byte[]> chat = body.child(0x7F4C).map(Tlv::value);
        Optional<LocalDate> effective = body.child(0x5F25).map(t -> date(t.value(), "effective date 5F25"));
        Optional<LocalDate> expiry = body.child(0x5F24).map(t -> date(t.value(), "expiration date 5F24"));
        return new CvCertificate(encoded, signedBody, profile, car, key, chr, chat, effective, expiry, signature);
    }

    /** CAR equals CHR: the certificate claims to be signed by its own key (a root, or pico-hsm's device). */
    public boolean isSelfSigned() {
        return authorityReference.map(holderReference::equals).orElse(false);
    }

    /**
     * The serial number of a SmartCard-HSM whose device certificate this is: the CHR without its
     * 5-character sequence number, as OpenSC and sc-hsm-embedded derive it (keys.md §7.3).
     */
    public String serialNumber() {
        if (holderReference.length() < 8) {
            throw new CvcFormatException("holder reference '" + holderReference
                    + "' is shorter than 8 characters; a device certificate's CHR is country, name and 5-digit sequence");
        }
        return holderReference.substring(0, holderReference.length() - 5);
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.ISO_8859_1);
    }

    /** Six unpacked BCD digits YYMMDD, one per byte (TR-03110 part 3 D.2.1.3). */
    private static LocalDate date(byte[] v, String what) {
        if (v.length != 6) {
            throw new CvcFormatException(what + " has " + v.length + " bytes; expected 6 (YYMMDD)");
        }
        for (byte b : v) {
            if (b < 0 || b > 9) {
                throw new CvcFormatException(what + " " + Hex.encode(v) + " is not one digit per byte");
            }
        }
        try {
            return LocalDate.of(2000 + v[0] * 10 + v[1], v[2] * 10 + v[3], v[4] * 10 + v[5]);
        } catch (DateTimeException e) {
            throw new CvcFormatException(what + " " + Hex.encode(v) + " is not a calendar date", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CvCertificate c && Arrays.equals(encoded, c.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "CvCertificate[CAR=" + authorityReference.orElse("-") + ", CHR=" + holderReference + ", "
                + publicKey + "]";
    }
}

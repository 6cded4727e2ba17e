package org.schsm.hsm.cvc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.schsm.tlv.Tlv;
import org.schsm.tlv.TlvFormatException;
import org.schsm.tlv.TlvReader;

/**
 * What GENERATE ASYMMETRIC KEY PAIR answers and stores in {@code CE<id>} (keys.md §2.2): tag 67
 * holding the CV request 7F21 (signed by the new key), the outer CAR 42 naming the device
 * certificate, and the outer signature 5F37 by the device key over the request and the CAR.
 *
 * @param outerSignedData the encoded 7F21 and 42 objects as read: what the outer signature covers
 */
public record AuthenticatedRequest(byte[] encoded, CvCertificate request, String outerAuthorityReference,
        byte[] outerSignedData, byte[] outerSignature) {

    public static final int TAG = 0x67;

    public static AuthenticatedRequest decode(byte[] encoded) {
        Tlv outer;
        try {
            outer = TlvReader.readOne(encoded);
        } catch (TlvFormatException e) {
            throw new CvcFormatException("authenticated request is not valid BER-TLV: " + e.getMessage(), e);
        }
        if (outer.tag() != TAG) {
            throw new CvcFormatException("authenticated request must start with tag 67, found " + Tlv.tagHex(outer.tag()));
        }
        byte[] value = outer.value();
        int requestStart = RawTlv.find(value, CvCertificate.TAG);
        int requestLength = RawTlv.encodedLength(value, requestStart);
        CvCertificate request = CvCertificate.decode(Arrays.copyOfRange(value, requestStart, requestStart + requestLength));
        int carStart = RawTlv.find(value, 0x42);
        int carEnd = carStart + RawTlv.encodedLength(value, carStart);
        String car = outer.child(0x42).map(t -> new String(t.value(), StandardCharsets.ISO_8859_1))
                .orElseThrow(() -> new CvcFormatException("authenticated request has no outer CAR (42)"));
        byte[] signature = outer.child(0x5F37).map(Tlv::value)
                .orElseThrow(() -> new CvcFormatException("authenticated request has no outer signature (5F37)"));
        byte[] signed = Arrays.copyOfRange(value, requestStart, carEnd);
        return new AuthenticatedRequest(encoded, request, car, signed, signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthenticatedRequest r && Arrays.equals(encoded, r.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "AuthenticatedRequest[" + request + ", outer CAR=" + outerAuthorityReference + "]";
    }
}

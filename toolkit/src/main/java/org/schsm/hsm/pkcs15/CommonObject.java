package org.schsm.hsm.pkcs15;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;

/**
 * CommonObjectAttributes of every PKCS#15 object (ISO 7816-15; OpenSC asn1.c
 * {@code c_asn1_com_obj_attr}): label UTF8String, flags BIT STRING {private(0), modifiable(1)},
 * authId OCTET STRING; userConsent and access rules are read past.
 *
 * @param flags  bit 0 private, bit 1 modifiable; -1 when the flags element is absent
 * @param authId the PIN object the key needs (OpenSC writes {@code 01}, the user PIN), empty if absent
 */
record CommonObject(Optional<String> label, int flags, Optional<byte[]> authId) {
    static final int PRIVATE = 1;
    static final int MODIFIABLE = 1 << 1;

    static CommonObject decode(ASN1Encodable encodable) {
        ASN1Sequence seq = ASN1Sequence.getInstance(encodable);
        Optional<String> label = Optional.empty();
        int flags = -1;
        Optional<byte[]> authId = Optional.empty();
        for (ASN1Encodable e : seq) {
            if (e instanceof ASN1String s && label.isEmpty() && flags < 0) {
                label = Optional.of(s.getString());
            } else if (e instanceof ASN1BitString b) {
                flags = BitField.decode(b);
            } else if (e instanceof ASN1OctetString o) {
                authId = Optional.of(o.getOctets());
            }
        }
        return new CommonObject(label, flags, authId);
    }

    DERSequence encode() {
        ASN1EncodableVector v = new ASN1EncodableVector();
        label.ifPresent(l -> v.add(new DERUTF8String(l)));
        if (flags >= 0) {
            v.add(BitField.encode(flags));
        }
        authId.ifPresent(a -> v.add(new DEROctetString(a)));
        return new DERSequence(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommonObject c && label.equals(c.label) && flags == c.flags
                && Arrays.equals(authId.orElse(null), c.authId.orElse(null));
    }

    @Override
    public int hashCode() {
        return label.hashCode() * 31 + flags;
    }
}

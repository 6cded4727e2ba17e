package org.schsm.hsm.pkcs15;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;

/**
 * A PKCS#15 X.509 certificate description (CD) as OpenSC writes it to EF {@code C8<nn>} for a CA
 * certificate kept in {@code CA<nn>} (certificates of keys live in {@code CE<id>} without a
 * descriptor): common object attributes (label, flags), common certificate attributes (id,
 * authority flag) and, under [1], the X.509 attributes whose value is the path of the EF.
 *
 * @param objectFlags -1 when absent
 * @param path        file id of the certificate EF, e.g. {@code CA 01}
 */
public record CertificateDescription(Optional<String> label, int objectFlags, byte[] id, boolean authority,
        byte[] path) {

    public CertificateDescription {
        id = id.clone();
        path = path.clone();
    }

    public static CertificateDescription decode(byte[] data) {
        try (ASN1InputStream in = new ASN1InputStream(data)) {
            ASN1Primitive top = in.readObject();
            if (!(top instanceof ASN1Sequence object) || object.size() < 3) {
                throw new Pkcs15FormatException("CD must be a SEQUENCE of common object, common certificate and"
                        + " type attributes");
            }
            CommonObject common = CommonObject.decode(object.getObjectAt(0));
            ASN1Sequence cert = ASN1Sequence.getInstance(object.getObjectAt(1));
            byte[] id = ASN1OctetString.getInstance(cert.getObjectAt(0)).getOctets();
            boolean authority = false;
            for (ASN1Encodable e : cert) {
                if (e instanceof ASN1Boolean b) {
                    authority = b.isTrue();
                }
            }
            ASN1TaggedObject type = ASN1TaggedObject.getInstance(object.getObjectAt(object.size() - 1));
            ASN1Sequence x509 = ASN1Sequence.getInstance(type.getExplicitBaseObject());
            ASN1Encodable value = x509.getObjectAt(0);
            if (!(value instanceof ASN1Sequence pathSeq)) {
                throw new Pkcs15FormatException("CD holds the certificate itself rather than a path; not written by"
                        + " OpenSC's SmartCard-HSM driver");
            }
            byte[] path = ASN1OctetString.getInstance(pathSeq.getObjectAt(0)).getOctets();
            return new CertificateDescription(common.label(), common.flags(), id, authority, path);
        } catch (IOException | IllegalArgumentException | ClassCastException | IndexOutOfBoundsException e) {
            throw new Pkcs15FormatException("CD does not have PKCS#15's structure: " + e.getMessage(), e);
        }
    }

    public byte[] encode() {
        ASN1EncodableVector cert = new ASN1EncodableVector();
        cert.add(new DEROctetString(id));
        if (authority) {
            cert.add(ASN1Boolean.TRUE);
        }
        ASN1EncodableVector object = new ASN1EncodableVector();
        object.add(new CommonObject(label, objectFlags, Optional.empty()).encode());
        object.add(new DERSequence(cert));
        object.add(new DERTaggedObject(true, 1, new DERSequence(new DERSequence(new DEROctetString(path)))));
        return BitField.der(new DERSequence(object));
    }

    @Override
    public byte[] id() {
        return id.clone();
    }

    @Override
    public byte[] path() {
        return path.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateDescription c && Arrays.equals(encode(), c.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "CertificateDescription[label=" + label.orElse("") + ", id=" + HexFormat.of().formatHex(id) + ", path="
                + HexFormat.of().formatHex(path) + "]";
    }
}

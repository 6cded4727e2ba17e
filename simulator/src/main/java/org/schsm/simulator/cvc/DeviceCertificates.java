package org.schsm.simulator.cvc;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.bouncycastle.asn1.eac.CertificateHolderAuthorization;
import org.bouncycastle.asn1.eac.CertificateHolderReference;
import org.bouncycastle.asn1.eac.CertificationAuthorityReference;
import org.bouncycastle.asn1.eac.ECDSAPublicKey;
import org.bouncycastle.asn1.eac.EACObjectIdentifiers;
import org.bouncycastle.asn1.eac.PackedDate;
import org.bouncycastle.eac.EACCertificateBuilder;
import org.bouncycastle.eac.EACException;

/**
 * The device authentication certificates of a simulated SmartCard-HSM: the content of
 * EF.C_DevAut (file 2F02), which is the device CV certificate followed by the certificate of the
 * device issuer CA (DICA) that signed it.
 *
 * <p>Three ECDSA P-256 key pairs are generated: a root CA (self-signed, not stored on the card),
 * the DICA (signed by the root) and the device (signed by the DICA). Each certificate is a BSI
 * TR-03110 card-verifiable certificate (tag 7F21) whose body (7F4E) holds, in this order: profile
 * identifier 5F29 = 00, authority reference 42, public key 7F49 (OID id-TA-ECDSA-SHA-256 and the
 * complete domain parameters 81..87 with the point in 86), holder reference 5F20, holder
 * authorization 7F4C, effective date 5F25 and expiry date 5F24; the signature 5F37 is r||s.
 *
 * <p>OpenSC reads the first certificate's holder reference to name the token's serial number
 * (see {@link HolderReference#serialNumber()}), and uses the device public key and the DICA for
 * chip authentication (secure messaging).
 */
public final class DeviceCertificates {
    /** The root CA, DICA and device references used unless the caller chooses others. */
    public static final HolderReference ROOT = new HolderReference("DE", "SCHSMROOT", "00001");
    public static final HolderReference DICA = new HolderReference("DE", "SCHSMDICA", "00001");

    private static final String CURVE = "secp256r1";
    private static final DateTimeFormatter PACKED_DATE = DateTimeFormatter.ofPattern("yyMMdd");
    private static final int ROOT_YEARS = 20;
    private static final int DICA_YEARS = 15;
    private static final int DEVICE_YEARS = 10;
    /** TR-03110 roles in the holder authorization: CVCA, domestic DV, terminal. */
    private static final int ROLE_CVCA = 0xC0;
    private static final int ROLE_DV = 0x80;
    private static final int ROLE_TERMINAL = 0x00;

    private final HolderReference device;
    private final KeyPair deviceKeyPair;
    private final byte[] rootCertificate;
    private final byte[] issuerCertificate;
    private final byte[] deviceCertificate;

    private DeviceCertificates(HolderReference device, KeyPair deviceKeyPair, byte[] root, byte[] issuer,
            byte[] deviceCert) {
        this.device = device;
        this.deviceKeyPair = deviceKeyPair;
        this.rootCertificate = root;
        this.issuerCertificate = issuer;
        this.deviceCertificate = deviceCert;
    }

    /** Fresh keys and certificates for {@code device}, effective today (UTC). */
    public static DeviceCertificates generate(HolderReference device) {
        return generate(device, new SecureRandom(), LocalDate.now(ZoneOffset.UTC));
    }

    /** Fresh keys from {@code random}; certificates effective from {@code effective}. */
    public static DeviceCertificates generate(HolderReference device, SecureRandom random, LocalDate effective) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(effective, "effective");
        KeyPair rootKeys = newKeyPair(random);
        KeyPair dicaKeys = newKeyPair(random);
        KeyPair deviceKeys = newKeyPair(random);
        byte[] root = certificate(ROOT, ROOT, rootKeys, rootKeys, ROLE_CVCA, effective, ROOT_YEARS);
        byte[] dica = certificate(ROOT, DICA, dicaKeys, rootKeys, ROLE_DV, effective, DICA_YEARS);
        byte[] deviceCert = certificate(DICA, device, deviceKeys, dicaKeys, ROLE_TERMINAL, effective, DEVICE_YEARS);
        return new DeviceCertificates(device, deviceKeys, root, dica, deviceCert);
    }

    /** The content of EF.C_DevAut (2F02): device certificate, then DICA certificate. */
    public byte[] efCDevAut() {
        byte[] out = new byte[deviceCertificate.length + issuerCertificate.length];
        System.arraycopy(deviceCertificate, 0, out, 0, deviceCertificate.length);
        System.arraycopy(issuerCertificate, 0, out, deviceCertificate.length, issuerCertificate.length);
        return out;
    }

    /** The device CV certificate (7F21), signed by the DICA. */
    public byte[] deviceCertificate() {
        return deviceCertificate.clone();
    }

    /** The DICA CV certificate (7F21), signed by the root CA. */
    public byte[] issuerCertificate() {
        return issuerCertificate.clone();
    }

    /** The self-signed root CA certificate; not stored on the card, needed to check the DICA. */
    public byte[] rootCertificate() {
        return rootCertificate.clone();
    }

    /** The device authentication key pair whose public half the device certificate carries. */
    public KeyPair deviceKeyPair() {
        return deviceKeyPair;
    }

    public HolderReference deviceReference() {
        return device;
    }

    /** The serial number OpenSC reports for a card holding these certificates. */
    public String serialNumber() {
        return device.serialNumber();
    }

    private static KeyPair newKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CvcException("cannot generate an EC " + CURVE + " key pair: " + e.getMessage(), e);
        }
    }

    private static byte[] certificate(HolderReference authority, HolderReference holder, KeyPair subject,
            KeyPair issuer, int role, LocalDate effective, int years) {
        try {
            CertificateHolderAuthorization chat =
                    new CertificateHolderAuthorization(EACObjectIdentifiers.id_EAC_ePassport, role);
            EACCertificateBuilder builder = new EACCertificateBuilder(
                    new CertificationAuthorityReference(authority.countryCode(), authority.mnemonic(),
                            authority.sequenceNumber()),
                    publicKey((ECPublicKey) subject.getPublic()),
                    new CertificateHolderReference(holder.countryCode(), holder.mnemonic(), holder.sequenceNumber()),
                    chat,
                    new PackedDate(effective.format(PACKED_DATE)),
                    new PackedDate(effective.plusYears(years).format(PACKED_DATE)));
            return builder.build(new PlainEcdsaSigner(issuer.getPrivate())).toASN1Structure().getEncoded();
        } catch (EACException | IOException e) {
            throw new CvcException("cannot build the CV certificate for " + holder + ": " + e.getMessage(), e);
        }
    }

    /** Public key 7F49 with the OID, all domain parameters and the point, as the SC-HSM writes it. */
    private static ECDSAPublicKey publicKey(ECPublicKey key) {
        ECParameterSpec params = key.getParams();
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        int size = (p.bitLength() + 7) / 8;
        return new ECDSAPublicKey(EACObjectIdentifiers.id_TA_ECDSA_SHA_256,
                p,
                params.getCurve().getA(),
                params.getCurve().getB(),
                uncompressed(params.getGenerator(), size),
                params.getOrder(),
                uncompressed(key.getW(), size),
                params.getCofactor());
    }

    private static byte[] uncompressed(ECPoint point, int size) {
        byte[] out = new byte[1 + 2 * size];
        out[0] = 0x04;
        copyUnsigned(point.getAffineX(), out, 1, size);
        copyUnsigned(point.getAffineY(), out, 1 + size, size);
        return out;
    }

    private static void copyUnsigned(BigInteger value, byte[] out, int offset, int size) {
        byte[] raw = value.toByteArray();
        int skip = raw.length > size ? raw.length - size : 0; // drop the sign byte
        int n = raw.length - skip;
        System.arraycopy(raw, skip, out, offset + size - n, n);
    }
}

package org.schsm.simulator.cvc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
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
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.interfaces.ECPublicKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPrivateKeySpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The device identity of a simulated SmartCard-HSM: its device authentication key (the card's
 * key {@code CC00}) and the content of EF.C_DevAut (file 2F02), which is the device CV
 * certificate followed by the certificate of the device issuer CA (DICA) that signed it.
 *
 * <p>As on the real card (reference §7): every key is on brainpoolP256r1, the curve of
 * CardContact's root; only the self-signed root certificate carries the domain parameters, the
 * DICA and device certificates carry the OID and the public point (86) alone, and a verifier
 * takes the curve from the root. Each certificate is a BSI TR-03110 CV certificate (7F21) whose
 * body (7F4E) holds 5F29 = 00, the authority reference 42, the public key 7F49, the holder
 * reference 5F20, the holder authorization 7F4C, effective date 5F25 and expiry date 5F24; the
 * signature 5F37 is plain r||s (ECDSA with SHA-256).
 *
 * <p>The chain ends at the simulator's root {@link #ROOT} ({@code ZZSCHSMSIM00001}), not at a
 * CardContact root (whose private keys are not ours): country code ZZ and "SIM" in the name say
 * so. The root and DICA keys are fixed and published here on purpose: anybody can issue a
 * "simulated" device, so a chain ending at this root proves only that the device is a simulator.
 * Each device gets a fresh key.
 */
public final class DeviceCertificates {
    /** The simulator's root CA and the DICA it certified. */
    public static final HolderReference ROOT = new HolderReference("ZZ", "SCHSMSIM", "00001");
    public static final HolderReference DICA = new HolderReference("ZZ", "SIMDICA", "00001");

    private static final String CURVE = "brainpoolP256r1";
    private static final ECNamedCurveParameterSpec PARAMS = ECNamedCurveTable.getParameterSpec(CURVE);
    /** Fixed, public: see the class comment. */
    private static final BigInteger ROOT_SCALAR =
            new BigInteger("951D6C4E4BB3EC827B5E14A49F30550BA5C8AC444851714D31AA7A70A5C1E979", 16);
    private static final BigInteger DICA_SCALAR =
            new BigInteger("7D618112F2727F8048194A0811DE590E332F8798C2ED1675BFA11411F6F61BDE", 16);
    /** Effective date of the root and DICA certificates. */
    private static final LocalDate CA_EFFECTIVE = LocalDate.of(2026, 1, 1);
    private static final int FIELD_BYTES = 32;

    private static final DateTimeFormatter PACKED_DATE = DateTimeFormatter.ofPattern("yyMMdd");
    private static final int ROOT_YEARS = 20;
    private static final int DICA_YEARS = 15;
    private static final int DEVICE_YEARS = 10;
    /** TR-03110 roles in the holder authorization: CVCA, domestic DV, terminal. */
    private static final int ROLE_CVCA = 0xC0;
    private static final int ROLE_DV = 0x80;
    private static final int ROLE_TERMINAL = 0x00;

    static final Provider BC = new BouncyCastleProvider();
    private static final KeyPair ROOT_KEYS = fixedKeyPair(ROOT_SCALAR);
    private static final KeyPair DICA_KEYS = fixedKeyPair(DICA_SCALAR);
    private static final byte[] ROOT_CERTIFICATE =
            certificate(ROOT, ROOT, ROOT_KEYS, ROOT_KEYS, ROLE_CVCA, CA_EFFECTIVE, ROOT_YEARS, true);
    private static final byte[] DICA_CERTIFICATE =
            certificate(ROOT, DICA, DICA_KEYS, ROOT_KEYS, ROLE_DV, CA_EFFECTIVE, DICA_YEARS, false);

    private final HolderReference device;
    private final KeyPair deviceKeyPair;
    private final byte[] deviceCertificate;

    private DeviceCertificates(HolderReference device, KeyPair deviceKeyPair, byte[] deviceCert) {
        this.device = device;
        this.deviceKeyPair = deviceKeyPair;
        this.deviceCertificate = deviceCert;
    }

    /** A fresh device key and certificate for {@code device}, effective today (UTC). */
    public static DeviceCertificates generate(HolderReference device) {
        return generate(device, new SecureRandom(), LocalDate.now(ZoneOffset.UTC));
    }

    /** A fresh device key from {@code random}; the device certificate effective from {@code effective}. */
    public static DeviceCertificates generate(HolderReference device, SecureRandom random, LocalDate effective) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(effective, "effective");
        KeyPair deviceKeys = newKeyPair(random);
        byte[] deviceCert = certificate(DICA, device, deviceKeys, DICA_KEYS, ROLE_TERMINAL, effective,
                DEVICE_YEARS, false);
        return new DeviceCertificates(device, deviceKeys, deviceCert);
    }

    /** The simulator's self-signed root certificate, the trust anchor of every simulated device. */
    public static byte[] simulatorRootCertificate() {
        return ROOT_CERTIFICATE.clone();
    }

    /** The content of EF.C_DevAut (2F02): device certificate, then DICA certificate. */
    public byte[] efCDevAut() {
        byte[] out = new byte[deviceCertificate.length + DICA_CERTIFICATE.length];
        System.arraycopy(deviceCertificate, 0, out, 0, deviceCertificate.length);
        System.arraycopy(DICA_CERTIFICATE, 0, out, deviceCertificate.length, DICA_CERTIFICATE.length);
        return out;
    }

    /** The device CV certificate (7F21), signed by the DICA. */
    public byte[] deviceCertificate() {
        return deviceCertificate.clone();
    }

    /** The DICA CV certificate (7F21), signed by the root CA. */
    public byte[] issuerCertificate() {
        return DICA_CERTIFICATE.clone();
    }

    /** The self-signed root CA certificate; not stored on the card, needed to check the DICA. */
    public byte[] rootCertificate() {
        return ROOT_CERTIFICATE.clone();
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

    /**
     * The device key as the simulator's personalisation command takes it: {@code 81 p, 82 a,
     * 83 b, 84 G, 85 n, 87 cofactor, 86 Q, 8A d}. Holds the private key: hand it to the card
     * being made and to nothing else.
     */
    public byte[] deviceKeyTemplate() {
        ECPrivateKey key = (ECPrivateKey) deviceKeyPair.getPrivate();
        ECPublicKey pub = (ECPublicKey) deviceKeyPair.getPublic();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        put(out, 0x81, unsigned(PARAMS.getCurve().getField().getCharacteristic(), FIELD_BYTES));
        put(out, 0x82, unsigned(PARAMS.getCurve().getA().toBigInteger(), FIELD_BYTES));
        put(out, 0x83, unsigned(PARAMS.getCurve().getB().toBigInteger(), FIELD_BYTES));
        put(out, 0x84, PARAMS.getG().getEncoded(false));
        put(out, 0x85, unsigned(PARAMS.getN(), FIELD_BYTES));
        put(out, 0x87, PARAMS.getH().toByteArray());
        put(out, 0x86, pub.getQ().getEncoded(false));
        put(out, 0x8A, unsigned(key.getD(), FIELD_BYTES));
        return out.toByteArray();
    }

    private static void put(ByteArrayOutputStream out, int tag, byte[] value) {
        out.write(tag);
        if (value.length >= 0x80) {
            out.write(0x81);
        }
        out.write(value.length);
        out.writeBytes(value);
    }

    private static KeyPair newKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(PARAMS, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CvcException("cannot generate an EC " + CURVE + " key pair: " + e.getMessage(), e);
        }
    }

    private static KeyPair fixedKeyPair(BigInteger scalar) {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC", BC);
            PrivateKey priv = factory.generatePrivate(new ECPrivateKeySpec(scalar, PARAMS));
            ECPoint q = PARAMS.getG().multiply(scalar).normalize();
            PublicKey pub = factory.generatePublic(new ECPublicKeySpec(q, PARAMS));
            return new KeyPair(pub, priv);
        } catch (GeneralSecurityException e) {
            throw new CvcException("cannot build the simulator's CA key on " + CURVE + ": " + e.getMessage(), e);
        }
    }

    private static byte[] certificate(HolderReference authority, HolderReference holder, KeyPair subject,
            KeyPair issuer, int role, LocalDate effective, int years, boolean withDomainParameters) {
        try {
            CertificateHolderAuthorization chat =
                    new CertificateHolderAuthorization(EACObjectIdentifiers.id_EAC_ePassport, role);
            EACCertificateBuilder builder = new EACCertificateBuilder(
                    new CertificationAuthorityReference(authority.countryCode(), authority.mnemonic(),
                            authority.sequenceNumber()),
                    publicKey((ECPublicKey) subject.getPublic(), withDomainParameters),
                    new CertificateHolderReference(holder.countryCode(), holder.mnemonic(), holder.sequenceNumber()),
                    chat,
                    new PackedDate(effective.format(PACKED_DATE)),
                    new PackedDate(effective.plusYears(years).format(PACKED_DATE)));
            return builder.build(new PlainEcdsaSigner(issuer.getPrivate())).toASN1Structure().getEncoded();
        } catch (EACException | IOException e) {
            throw new CvcException("cannot build the CV certificate for " + holder + ": " + e.getMessage(), e);
        }
    }

    /** 7F49: the OID and the point, with all domain parameters 81..87 only for the root. */
    private static ECDSAPublicKey publicKey(ECPublicKey key, boolean withDomainParameters) {
        byte[] point = key.getQ().getEncoded(false);
        if (!withDomainParameters) {
            return new ECDSAPublicKey(EACObjectIdentifiers.id_TA_ECDSA_SHA_256, point);
        }
        return new ECDSAPublicKey(EACObjectIdentifiers.id_TA_ECDSA_SHA_256,
                PARAMS.getCurve().getField().getCharacteristic(),
                PARAMS.getCurve().getA().toBigInteger(),
                PARAMS.getCurve().getB().toBigInteger(),
                PARAMS.getG().getEncoded(false),
                PARAMS.getN(),
                point,
                PARAMS.getH().intValue());
    }

    private static byte[] unsigned(BigInteger value, int size) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[size];
        int skip = raw.length > size ? raw.length - size : 0; // drop the sign byte
        int n = raw.length - skip;
        System.arraycopy(raw, skip, out, size - n, n);
        return out;
    }
}

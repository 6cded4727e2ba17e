package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.schsm.apdu.Hex;
import org.schsm.tlv.Tlv;
import org.schsm.tlv.TlvReader;

/**
 * Key requests as OpenSC and CardContact's hosts build them (reference §2.1), and checks of the
 * card's authenticated CV requests (§2.2), for the key command tests.
 */
public final class Keys {
    static final BouncyCastleProvider BC = new BouncyCastleProvider();
    static final String ECDSA_SHA256_OID = "04007F00070202020203";
    static final String RSA_SHA256_OID = "04007F00070202020102";
    static final String INNER_CAR = "UTCA00001";
    static final String CHR = "ZZSIMTEST00001";
    /** READ BINARY of all of EF.C_DevAut in one extended APDU. */
    static final String READ_DEVICE_CERTIFICATES = "00 B1 2F 02 00 00 04 54 02 00 00 00 00";

    private Keys() {
    }

    /** The data of GENERATE ASYMMETRIC KEY PAIR for {@code curve}, plus {@code extra} TLVs. */
    static byte[] ecRequest(String curve, Tlv... extra) {
        ECNamedCurveParameterSpec p = ECNamedCurveTable.getParameterSpec(curve);
        int size = (p.getCurve().getFieldSize() + 7) / 8;
        Tlv key = Tlv.constructed(0x7F49,
                Tlv.of(0x06, Hex.decode(ECDSA_SHA256_OID)),
                Tlv.of(0x81, unsigned(p.getCurve().getField().getCharacteristic(), size)),
                Tlv.of(0x82, unsigned(p.getCurve().getA().toBigInteger(), size)),
                Tlv.of(0x83, unsigned(p.getCurve().getB().toBigInteger(), size)),
                Tlv.of(0x84, p.getG().getEncoded(false)),
                Tlv.of(0x85, unsigned(p.getN(), (p.getN().bitLength() + 7) / 8)),
                Tlv.of(0x87, p.getH().toByteArray()));
        return body(key, extra);
    }

    static byte[] rsaRequest(int bits, Tlv... extra) {
        Tlv key = Tlv.constructed(0x7F49,
                Tlv.of(0x06, Hex.decode(RSA_SHA256_OID)),
                Tlv.of(0x82, Hex.decode("010001")),
                Tlv.of(0x02, new byte[] {(byte) (bits >> 8), (byte) bits}));
        return body(key, extra);
    }

    private static byte[] body(Tlv key, Tlv... extra) {
        byte[] head = concat(Tlv.of(0x5F29, new byte[] {0}).encode(),
                Tlv.of(0x42, INNER_CAR.getBytes(StandardCharsets.US_ASCII)).encode(),
                key.encode(),
                Tlv.of(0x5F20, CHR.getBytes(StandardCharsets.US_ASCII)).encode());
        for (Tlv t : extra) {
            head = concat(head, t.encode());
        }
        return head;
    }

    /** An extended case-4 APDU {@code header} (4 bytes hex) with {@code data} and Le 0000. */
    public static String extended(String header, byte[] data) {
        return header + String.format("00%04X", data.length) + Hex.encode(data) + "0000";
    }

    /**
     * GENERATE ASYMMETRIC KEY PAIR of key {@code id} on secp256r1 as an extended APDU in hex,
     * with {@code extraHex} (further TLVs such as {@code 90 04 ...}) after the CHR.
     */
    public static String generateP256(int id, String extraHex) {
        return generate(id, concat(ecRequest("secp256r1"), Hex.decode(extraHex)));
    }

    static String generate(int id, byte[] request) {
        return extended(String.format("0046%02X00", id), request);
    }

    /** The public key in the CV request's 7F49 (EC named {@code curve}, or RSA when null). */
    static PublicKey publicKey(Tlv authenticated, String curve) throws GeneralSecurityException {
        Tlv key = authenticated.child(0x7F21).orElseThrow().child(0x7F4E).orElseThrow()
                .child(0x7F49).orElseThrow();
        if (curve == null) {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, key.child(0x81).orElseThrow().value()),
                    new BigInteger(1, key.child(0x82).orElseThrow().value())));
        }
        return ecPoint(key.child(0x86).orElseThrow().value(), curve);
    }

    static PublicKey ecPoint(byte[] point, String curve) throws GeneralSecurityException {
        ECNamedCurveParameterSpec p = ECNamedCurveTable.getParameterSpec(curve);
        return KeyFactory.getInstance("EC", BC).generatePublic(
                new ECPublicKeySpec(p.getCurve().decodePoint(point), p));
    }

    /** The device public key: point 86 of the first certificate in EF.C_DevAut, brainpoolP256r1. */
    static PublicKey devicePublicKey(TestCard card) throws GeneralSecurityException {
        byte[] ef = card.expectData(READ_DEVICE_CERTIFICATES);
        Tlv device = TlvReader.readAll(ef).get(0);
        byte[] point = device.child(0x7F4E).orElseThrow().child(0x7F49).orElseThrow().child(0x86).orElseThrow().value();
        return ecPoint(point, "brainpoolP256r1");
    }

    /** The device CHR (5F20 of the device certificate), the outer CAR of every request. */
    static String deviceChr(TestCard card) {
        byte[] ef = card.expectData(READ_DEVICE_CERTIFICATES);
        Tlv device = TlvReader.readAll(ef).get(0);
        return new String(device.child(0x7F4E).orElseThrow().child(0x5F20).orElseThrow().value(),
                StandardCharsets.US_ASCII);
    }

    /** Checks both signatures of an authenticated request: inner by the new key, outer by the device. */
    static void assertAuthenticated(Tlv authenticated, PublicKey newKey, PublicKey device, String deviceChr)
            throws GeneralSecurityException {
        assertEquals(0x67, authenticated.tag());
        Tlv request = authenticated.child(0x7F21).orElseThrow();
        Tlv body = request.child(0x7F4E).orElseThrow();
        byte[] inner = request.child(0x5F37).orElseThrow().value();
        String scheme = newKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withPLAIN-ECDSA";
        assertTrue(verify(scheme, newKey, body.encode(), inner), "inner signature by the new key");
        Tlv car = authenticated.child(0x42).orElseThrow();
        assertEquals(deviceChr, new String(car.value(), StandardCharsets.US_ASCII), "outer CAR = device CHR");
        byte[] outer = authenticated.child(0x5F37).orElseThrow().value();
        assertEquals(64, outer.length, "plain r||s on a 256-bit curve");
        assertTrue(verify("SHA256withPLAIN-ECDSA", device, concat(request.encode(), car.encode()), outer),
                "outer signature by the device key over 7F21 || 42");
    }

    static boolean verify(String scheme, PublicKey key, byte[] data, byte[] signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(scheme, BC);
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(signature);
    }

    /**
     * Verifies an RSA-PSS signature strictly: MGF1 with {@code hash} and a salt exactly as long as
     * the hash (the JDK's RSASSA-PSS checks the salt length it is given). {@code scheme} names
     * the same scheme for the failure message.
     */
    static boolean verifyPss(String scheme, String hash, PublicKey key, byte[] data, byte[] signature)
            throws GeneralSecurityException {
        int saltLength = java.security.MessageDigest.getInstance(hash).getDigestLength();
        Signature verifier = Signature.getInstance("RSASSA-PSS");
        verifier.setParameter(new java.security.spec.PSSParameterSpec(hash, "MGF1",
                new java.security.spec.MGF1ParameterSpec(hash), saltLength, 1));
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(signature);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    static byte[] unsigned(BigInteger value, int size) {
        byte[] raw = value.toByteArray();
        if (raw.length > size) {
            raw = Arrays.copyOfRange(raw, raw.length - size, raw.length);
        }
        byte[] out = new byte[size];
        System.arraycopy(raw, 0, out, size - raw.length, raw.length);
        return out;
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }
}

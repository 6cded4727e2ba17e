package org.schsm.hsm.cvc;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.schsm.tlv.TlvWriter;

/** Builds CV certificates for tests the way TR-03110 lays them out, signed with plain r||s. */
final class TestCvcs {
    static final SecureRandom RANDOM = new SecureRandom(new byte[] {1, 2, 3});

    /** A key pair on a named curve. */
    record Key(ECDomainParameters domain, BigInteger d, ECPoint q) {
        static Key generate(String curve) {
            X9ECParameters x9 = ECNamedCurveTable.getByName(curve);
            ECDomainParameters domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
            BigInteger d = new BigInteger(x9.getN().bitLength() - 1, RANDOM).add(BigInteger.ONE);
            return new Key(domain, d, domain.getG().multiply(d).normalize());
        }

        CvPublicKey full() {
            return EcCurves.template(CvPublicKey.ID_TA_ECDSA_SHA_256, domain, q);
        }

        /** Only the OID and the point, as real device and DICA certificates carry them. */
        byte[] pointOnlyTemplate() {
            return new TlvWriter().begin(0x7F49).add(0x06, CvPublicKey.oidBytes(CvPublicKey.ID_TA_ECDSA_SHA_256))
                    .add(0x86, q.getEncoded(false)).end().toByteArray();
        }

        byte[] sign(byte[] data) {
            SHA256Digest digest = new SHA256Digest();
            digest.update(data, 0, data.length);
            byte[] hash = new byte[32];
            digest.doFinal(hash, 0);
            ECDSASigner signer = new ECDSASigner();
            signer.init(true, new ParametersWithRandom(new ECPrivateKeyParameters(d, domain), RANDOM));
            BigInteger[] rs = signer.generateSignature(hash);
            int size = (domain.getN().bitLength() + 7) / 8;
            byte[] out = new byte[2 * size];
            System.arraycopy(CvPublicKey.fixed(rs[0], size), 0, out, 0, size);
            System.arraycopy(CvPublicKey.fixed(rs[1], size), 0, out, size, size);
            return out;
        }
    }

    static byte[] certificate(String car, String chr, byte[] publicKeyTemplate, Key signer) {
        byte[] body = new TlvWriter().begin(0x7F4E)
                .add(0x5F29, new byte[] {0})
                .add(0x42, car.getBytes(StandardCharsets.US_ASCII))
                .add(org.schsm.tlv.TlvReader.readOne(publicKeyTemplate))
                .add(0x5F20, chr.getBytes(StandardCharsets.US_ASCII))
                .begin(0x7F4C).add(0x06, CvPublicKey.oidBytes("1.3.6.1.4.1.24991.3.1.1")).add(0x53, new byte[] {0})
                .end()
                .add(0x5F25, new byte[] {2, 6, 1, 2, 0, 1})
                .add(0x5F24, new byte[] {3, 6, 1, 2, 0, 1})
                .end().toByteArray();
        byte[] signature = signer.sign(body);
        byte[] sig = TlvWriter.encode(0x5F37, signature);
        byte[] value = new byte[body.length + sig.length];
        System.arraycopy(body, 0, value, 0, body.length);
        System.arraycopy(sig, 0, value, body.length, sig.length);
        return TlvWriter.encode(0x7F21, value);
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

    private TestCvcs() {
    }
}

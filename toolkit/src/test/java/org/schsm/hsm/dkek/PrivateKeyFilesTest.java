package org.schsm.hsm.dkek;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.schsm.InvalidInputException;
import org.schsm.hsm.pkcs15.KeyType;

class PrivateKeyFilesTest {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    @Test
    void pemAndDerKeysBecomeKeyMaterial() throws Exception {
        for (String type : new String[] {"EC:secp256r1", "EC:brainpoolP256r1", "RSA:2048"}) {
            KeyPair pair = KeyBlobTest.generate(type);
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter w = new JcaPEMWriter(pem)) {
                w.writeObject(pair.getPrivate());
            }
            PrivateKeyFiles fromPem = PrivateKeyFiles.read(pem.toString().getBytes(StandardCharsets.US_ASCII), null);
            PrivateKeyFiles fromDer = PrivateKeyFiles.read(pair.getPrivate().getEncoded(), null);
            try (KeyMaterial a = KeyMaterial.of(fromPem.key()); KeyMaterial b = KeyMaterial.of(fromDer.key())) {
                assertEquals(type.startsWith("EC") ? KeyType.EC : KeyType.RSA, a.keyType());
                assertArrayEquals(a.publicValue(), b.publicValue(), type);
                assertArrayEquals(pair.getPublic().getEncoded(), a.publicKey().getEncoded(), type);
            }
        }
    }

    @Test
    void aSec1KeyWithoutItsPublicKeyIsRead() throws Exception {
        KeyPair pair = KeyBlobTest.generate("EC:secp256r1");
        java.security.interfaces.ECPrivateKey key = (java.security.interfaces.ECPrivateKey) pair.getPrivate();
        // What `openssl ec -no_public` writes: the curve and d, no public key.
        byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(),
                org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1).getEncoded();
        String pem = "-----BEGIN EC PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(sec1)
                + "\n-----END EC PRIVATE KEY-----\n";
        try (KeyMaterial read = KeyMaterial.of(PrivateKeyFiles.read(pem.getBytes(StandardCharsets.US_ASCII), null).key())) {
            assertArrayEquals(pair.getPublic().getEncoded(), read.publicKey().getEncoded());
        }
    }

    @Test
    void pkcs12GivesKeyAndCertificateAndNeedsItsPassword() throws Exception {
        KeyPair pair = KeyBlobTest.generate("EC:secp256r1");
        X500Name name = new X500Name("CN=import test");
        X509Certificate cert = new JcaX509CertificateConverter().setProvider(BC).getCertificate(
                new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(0), new Date(4_000_000_000_000L), name,
                        pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC)
                                .build(pair.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12", BC);
        store.load(null, null);
        char[] password = "p12 secret".toCharArray();
        store.setKeyEntry("key", pair.getPrivate(), password, new java.security.cert.Certificate[] {cert});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);

        PrivateKeyFiles read = PrivateKeyFiles.read(out.toByteArray(), password);
        assertArrayEquals(cert.getEncoded(), read.certificate().orElseThrow());
        try (KeyMaterial key = KeyMaterial.of(read.key())) {
            assertArrayEquals(pair.getPublic().getEncoded(), key.publicKey().getEncoded());
        }
        InvalidInputException wrong = assertThrows(InvalidInputException.class,
                () -> PrivateKeyFiles.read(out.toByteArray(), "nope".toCharArray()));
        assertFalse(wrong.getMessage().contains("nope"));
        assertTrue(assertThrows(InvalidInputException.class, () -> PrivateKeyFiles.read(new byte[] {1, 2}, null))
                .getMessage().startsWith("not a private key file"));
    }
}

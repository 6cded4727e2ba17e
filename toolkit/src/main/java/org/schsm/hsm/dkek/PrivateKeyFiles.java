package org.schsm.hsm.dkek;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Collections;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.schsm.InvalidInputException;
import org.schsm.Secret;

/**
 * Reads a private key for import from the formats users hold: PEM (PKCS#8, encrypted PKCS#8,
 * SEC1 "EC PRIVATE KEY", PKCS#1 "RSA PRIVATE KEY"), DER PKCS#8, or PKCS#12 (first key entry and
 * its certificate), all through Bouncy Castle.
 *
 * @param certificate the DER certificate that came with the key (PKCS#12), if any
 */
public record PrivateKeyFiles(PrivateKey key, Optional<byte[]> certificate) {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    public static PrivateKeyFiles read(byte[] content, @Secret char[] password) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        try {
            if (text.contains("-----BEGIN")) {
                return new PrivateKeyFiles(pem(text, password), Optional.empty());
            }
            if (content.length > 0 && content[0] == 0x30) {
                try {
                    return new PrivateKeyFiles(pkcs8(content), Optional.empty());
                } catch (GeneralSecurityException | IllegalArgumentException notPkcs8) {
                    return pkcs12(content, password);
                }
            }
        } catch (IOException | GeneralSecurityException | PKCSException e) {
            throw new InvalidInputException("cannot read the private key: " + e.getClass().getSimpleName()
                    + " (wrong password, or not PEM, PKCS#8 or PKCS#12)");
        }
        throw new InvalidInputException("not a private key file: expected PEM, DER PKCS#8 or PKCS#12");
    }

    private static PrivateKey pem(String text, char[] password) throws IOException, PKCSException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BC);
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof PEMKeyPair pair) {
                    // Only the private part: a SEC1 key may leave out its public key (Java's own
                    // encoder does), and KeyMaterial computes the public point from d anyway.
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    if (password == null) {
                        throw new InvalidInputException("the private key is encrypted; give its password");
                    }
                    try {
                        return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                                new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password)));
                    } catch (org.bouncycastle.operator.OperatorCreationException e) {
                        throw new PKCSException("cannot decrypt", e);
                    }
                }
            }
        }
        throw new InvalidInputException("the PEM file holds no private key");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
        String algorithm = info.getPrivateKeyAlgorithm().getAlgorithm().getId().equals("1.2.840.10045.2.1") ? "EC" : "RSA";
        return KeyFactory.getInstance(algorithm, BC).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static PrivateKeyFiles pkcs12(byte[] content, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12", BC);
        store.load(new ByteArrayInputStream(content), password);
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                PrivateKey key = (PrivateKey) store.getKey(alias, password);
                Certificate cert = store.getCertificate(alias);
                return new PrivateKeyFiles(key, Optional.ofNullable(cert == null ? null : cert.getEncoded()));
            }
        }
        throw new InvalidInputException("the PKCS#12 file holds no private key");
    }

    @Override
    public String toString() {
        return "PrivateKeyFiles[" + key.getAlgorithm() + certificate.map(c -> ", certificate").orElse("") + "]";
    }
}

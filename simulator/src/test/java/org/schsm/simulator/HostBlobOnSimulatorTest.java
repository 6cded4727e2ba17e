package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.hsm.dkek.Dkek;
import org.schsm.hsm.dkek.KeyBlob;
import org.schsm.hsm.dkek.KeyMaterial;

/**
 * The toolkit's host-side key blob (org.schsm.hsm.dkek) and the applet agree both ways: a blob the
 * applet wraps opens on the host with the same DKEK, and a blob the host builds from a software
 * key (as {@code schsm key import} does) unwraps on the applet, which then signs for that key.
 */
class HostBlobOnSimulatorTest {
    private static final byte[] DKEK = Hex.decode(WrapUnwrapKeyTest.SHARE.replace(" ", ""));

    @Test
    void aBlobTheAppletWrapsOpensOnTheHost() {
        TestCard card = WrapUnwrapKeyTest.withDkek(WrapUnwrapKeyTest.SHARE);
        byte[] request = card.expectData(Keys.generate(1, Keys.ecRequest("secp384r1")));
        KeyBlob blob = KeyBlob.parse(card.expectData(WrapUnwrapKeyTest.wrap(1)));
        try (KeyMaterial material = blob.open(new Dkek(DKEK.clone()))) {
            assertEquals(384, material.sizeBits());
            String point = Hex.encode(material.publicValue());
            assertTrue(Hex.encode(request).contains("8661" + point), "the public point of the generated key");
        }
    }

    @Test
    void aBlobTheHostBuildsUnwrapsOnTheAppletAndSigns() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        TestCard card = WrapUnwrapKeyTest.withDkek(WrapUnwrapKeyTest.SHARE);
        int id = 1;
        for (KeyPair pair : new KeyPair[] {ec.generateKeyPair(), rsa.generateKeyPair()}) {
            byte[] blob;
            try (KeyMaterial material = KeyMaterial.of(pair.getPrivate())) {
                blob = KeyBlob.wrap(material, new Dkek(DKEK.clone()), n -> card.expectData(String.format("00 84 00 00 %02X", n))).encode();
            }
            card.expect(WrapUnwrapKeyTest.unwrap(id, blob), 0x9000);
            byte[] message = "imported".getBytes();
            if (pair.getPublic().getAlgorithm().equals("EC")) {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(message);
                byte[] der = card.expectData(Keys.extended(String.format("8068%02X70", id), hash));
                assertTrue(Keys.verify("SHA256withECDSA", pair.getPublic(), message, der));
            } else {
                byte[] sig = card.expectData(Keys.extended(String.format("8068%02X33", id), message));
                assertTrue(Keys.verify("SHA256withRSA", pair.getPublic(), message, sig));
            }
            id++;
        }
    }

    /**
     * CardContact's encoder, and {@code KeyMaterial.of}, send RSA keys over 2048 bits as type 05
     * (d, n, e). The simulator keeps RSA keys in CRT form only, so it refuses such a blob as a
     * function it does not support (6A81, what vendor hosts read as "not supported"), and stores
     * nothing; a CRT blob (06) of a size it cannot hold is refused the same way.
     */
    @Test
    void plainRsaBlobsAndUnsupportedSizesAreRefusedWith6A81AndNothingIsStored() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        TestCard card = WrapUnwrapKeyTest.withDkek(WrapUnwrapKeyTest.SHARE);
        rsa.initialize(3072);
        try (KeyMaterial material = KeyMaterial.of(rsa.generateKeyPair().getPrivate())) {
            KeyBlob blob = KeyBlob.wrap(material, new Dkek(DKEK.clone()), n -> new byte[n]);
            assertEquals(KeyBlob.TYPE_RSA, blob.keyType(), "over 2048 bits: type 05");
            card.expect(WrapUnwrapKeyTest.unwrap(1, blob.encode()), 0x6A81);
        }
        rsa.initialize(1280);   // a CRT key of a size the simulator has no key object for
        try (KeyMaterial material = KeyMaterial.of(rsa.generateKeyPair().getPrivate())) {
            KeyBlob blob = KeyBlob.wrap(material, new Dkek(DKEK.clone()), n -> new byte[n]);
            assertEquals(KeyBlob.TYPE_RSA_CRT, blob.keyType());
            card.expect(WrapUnwrapKeyTest.unwrap(2, blob.encode()), 0x6A81);
        }
        String listing = Hex.encode(card.expectData("80 58 00 00 00 00 00")).replace(" ", "");
        assertTrue(!listing.contains("CC01") && !listing.contains("CC02"), "no key was stored: " + listing);
    }
}

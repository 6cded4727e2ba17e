package org.schsm.hsm.pkcs15;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.hsm.RealData;
import org.schsm.hsm.cvc.AuthenticatedRequest;

class PrivateKeyDescriptionTest {
    @Test
    void decodesThePrkdOpenScWroteOnARealDevice() {
        PrivateKeyDescription prkd = PrivateKeyDescription.decode(RealData.prkd());
        assertEquals(KeyType.EC, prkd.type());
        assertEquals(Optional.of("btc-test"), prkd.label());
        assertEquals("4D8B45C6B9E00AEE9C677B595E7B7B72572035ED", Hex.encode(prkd.id()));
        assertEquals(1, prkd.keyReference());
        assertEquals(256, prkd.sizeBits());
        assertEquals(PrivateKeyDescription.USAGE_SIGN | PrivateKeyDescription.USAGE_SIGN_RECOVER
                | PrivateKeyDescription.USAGE_DERIVE, prkd.usage());
        assertEquals(0b11, prkd.objectFlags());
        assertArrayEquals(new byte[] {1}, prkd.authId().orElseThrow());
        assertEquals(0, prkd.path().length);
    }

    @Test
    void realPrkdRoundTripsByteForByte() {
        byte[] real = RealData.prkd();
        assertArrayEquals(real, PrivateKeyDescription.decode(real).encode());
    }

    @Test
    void descriptorForAGeneratedKeyIsWhatOpenScWrote() {
        byte[] point = AuthenticatedRequest.decode(RealData.authenticatedRequest()).request().publicKey().point();
        byte[] id = PrivateKeyDescription.intrinsicId(KeyType.EC, point);
        PrivateKeyDescription ours = PrivateKeyDescription.forKey(KeyType.EC, "btc-test", id, 1, 256);
        assertEquals(Hex.encode(RealData.prkd()), Hex.encode(ours.encode()));
    }

    @Test
    void rsaDescriptorIsAPlainSequence() {
        byte[] id = Hex.decode("0102030405060708090A0B0C0D0E0F1011121314");
        PrivateKeyDescription rsa = PrivateKeyDescription.forKey(KeyType.RSA, "rsa key", id, 3, 2048);
        byte[] encoded = rsa.encode();
        // SEQUENCE { {label, flags C0, authId 01}, {id, usage {decrypt, sign, signRecover}, ref 3},
        //            [1] { {path {04 00}, 2048} } }, as OpenSC's encoder lays it out.
        assertEquals("303D"
                + "30100C07" + Hex.encode("rsa key".getBytes()) + "030206C0040101"
                + "301D0414" + Hex.encode(id) + "03020470020103"
                + "A10A3008300204000202" + "0800", Hex.encode(encoded));
        PrivateKeyDescription back = PrivateKeyDescription.decode(encoded);
        assertEquals(rsa, back);
        assertEquals(KeyType.RSA, back.type());
        assertEquals(2048, back.sizeBits());
        assertEquals(3, back.keyReference());
    }

    @Test
    void trailingFileBytesAreIgnoredAndGarbageRefused() {
        byte[] padded = java.util.Arrays.copyOf(RealData.prkd(), RealData.prkd().length + 10);
        assertEquals(Optional.of("btc-test"), PrivateKeyDescription.decode(padded).label());
        assertThrows(Pkcs15FormatException.class, () -> PrivateKeyDescription.decode(Hex.decode("0401FF")));
        assertThrows(Pkcs15FormatException.class, () -> PrivateKeyDescription.decode(Hex.decode("A003300100")));
        assertThrows(Pkcs15FormatException.class, () -> PrivateKeyDescription.decode(new byte[0]));
    }

    @Test
    void rsaIntrinsicIdIsSha1OfTheModulus() {
        byte[] modulus = Hex.decode("00C0FFEE");
        assertEquals(Hex.encode(PrivateKeyDescription.intrinsicId(KeyType.RSA, Hex.decode("C0FFEE"))),
                Hex.encode(PrivateKeyDescription.intrinsicId(KeyType.RSA, modulus)));
    }

    @Test
    void accessFlagsAndNonNativeSurviveARoundTrip() {
        PrivateKeyDescription p = new PrivateKeyDescription(KeyType.EC, Optional.empty(), new byte[] {7},
                PrivateKeyDescription.USAGE_SIGN, 0b11101, 9, 384, -1, Optional.empty(), false, new byte[] {(byte) 0xCC, 9});
        assertEquals(p, PrivateKeyDescription.decode(p.encode()));
    }
}

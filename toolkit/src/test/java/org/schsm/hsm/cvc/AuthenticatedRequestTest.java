package org.schsm.hsm.cvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;
import org.schsm.hsm.RealData;

/** The key generation answer of a real Nitrokey HSM (reference §2.2, appendix A check 3). */
class AuthenticatedRequestTest {
    @Test
    void realRequestDecodesAsTheReferenceShowsIt() {
        AuthenticatedRequest request = AuthenticatedRequest.decode(RealData.authenticatedRequest());
        assertEquals("DENK010570200000", request.outerAuthorityReference());
        CvCertificate inner = request.request();
        assertEquals(Optional.of("UTCA00001"), inner.authorityReference());
        assertEquals("DENK010570200001", inner.holderReference());
        assertEquals(Optional.of("secp256k1"), inner.publicKey().curveName());
        assertEquals(256, inner.publicKey().sizeBits());
        assertTrue(inner.publicKey().part(0x82).orElseThrow().length == 32, "a = 0 at full width");
        assertEquals(64, inner.signature().length);
        assertEquals(64, request.outerSignature().length);
        assertTrue(inner.holderAuthorization().isEmpty());
        assertTrue(inner.effectiveDate().isEmpty());
        assertEquals("04A19764D69D2AEADA6B3766B7109B26285F478F7116D19C2558BD3A6CB46B6204"
                + "7D2CB0C1D4F7B7C1140744CF5B0410701F4BDE469D5E7785A57555F6EEEDD84C",
                Hex.encode(inner.publicKey().point()));
    }

    @Test
    void innerSignatureIsByTheNewKey() {
        CvCertificate inner = AuthenticatedRequest.decode(RealData.authenticatedRequest()).request();
        assertTrue(CvcSignatures.verify(inner.signedBody(), inner.signature(), inner.publicKey()));
        byte[] sig = inner.signature();
        sig[10] ^= 0x40;
        assertFalse(CvcSignatures.verify(inner.signedBody(), sig, inner.publicKey()));
    }

    @Test
    void outerSignedDataIsRequestThenCar() {
        AuthenticatedRequest request = AuthenticatedRequest.decode(RealData.authenticatedRequest());
        byte[] signed = request.outerSignedData();
        assertEquals(request.request().encoded().length + 2 + 16, signed.length);
        assertEquals("42104445", Hex.encode(signed, request.request().encoded().length, 4));
    }

    @Test
    void wrongOuterTagIsRefused() {
        byte[] data = RealData.authenticatedRequest();
        data[0] = 0x68;
        assertThrows(CvcFormatException.class, () -> AuthenticatedRequest.decode(data));
    }
}

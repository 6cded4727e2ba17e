package org.schsm.hsm.pkcs15;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;

class CertificateDescriptionTest {
    /** A CD as OpenSC's encoder lays it out for a CA certificate stored in CA01. */
    private static final String CA_CD = "301A" + "30060C04" + Hex.encode("Root".getBytes())
            + "30060401" + "0A" + "0101FF" + "A108" + "3006" + "3004" + "0402CA01";

    @Test
    void decodesAndReEncodesACaCertificateDescriptor() {
        CertificateDescription cd = CertificateDescription.decode(Hex.decode(CA_CD));
        assertEquals(Optional.of("Root"), cd.label());
        assertEquals("0A", Hex.encode(cd.id()));
        assertTrue(cd.authority());
        assertEquals("CA01", Hex.encode(cd.path()));
        assertEquals(CA_CD, Hex.encode(cd.encode()));
    }

    @Test
    void directValueInsteadOfPathIsRefused() {
        String direct = "3014" + "30060C04" + Hex.encode("Root".getBytes()) + "30030401" + "0A" + "A105" + "3003" + "020100";
        assertThrows(Pkcs15FormatException.class, () -> CertificateDescription.decode(Hex.decode(direct)));
    }
}

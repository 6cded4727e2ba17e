package org.schsm.atr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.schsm.InvalidInputException;
import org.schsm.apdu.Hex;
import org.schsm.testkit.HsmConstants;

class AtrTest {
    /** SmartCard-HSM contact ATR. */
    private static final String SCHSM = HsmConstants.ATR;
    /** SmartCard-HSM contactless, as a PC/SC reader synthesises it. */
    private static final String SCHSM_CL = "3B 8E 80 01 80 31 81 54 48 53 4D 31 73 80 21 40 81 07 18";
    /** SmartCard-HSM on a token with global T=15 bytes. */
    private static final String SCHSM_T15 = "3B DE 18 FF 81 91 FE 1F C3 80 31 81 54 48 53 4D 31 73 80 21 40 81 07 1C";

    @Test
    void contactAtrDecodesEveryInterfaceByteByLevel() {
        Atr atr = Atr.parse(SCHSM);
        assertEquals(Atr.Convention.DIRECT, atr.convention());
        assertEquals(0xFE, atr.t0());
        List<InterfaceBytes> l = atr.interfaceBytes();
        assertEquals(3, l.size());
        assertEquals(new InterfaceBytes(1, 0, 0x18, 0x00, 0x00, 0x81), l.get(0));
        assertEquals(new InterfaceBytes(2, 0, -1, -1, -1, 0x31), l.get(1));
        assertEquals(new InterfaceBytes(3, 1, 0xFE, 0x45, -1, -1), l.get(2));
        assertEquals(Set.of(1), atr.protocols());
    }

    @Test
    void ta1Of18MeansFi372AndDi12() {
        Atr atr = Atr.parse(SCHSM);
        assertEquals(372, atr.fi());
        assertEquals(12, atr.di());
        assertTrue(atr.describe().contains("TA1 18  Fi=372, Di=12, f max 5.0 MHz, 31 clocks per etu"), atr.describe().toString());
    }

    @Test
    void absentTa1MeansTheDefaultFi372Di1() {
        Atr atr = Atr.parse(SCHSM_CL);
        assertEquals(0x11, atr.ta1());
        assertEquals(372, atr.fi());
        assertEquals(1, atr.di());
    }

    @Test
    void historicalBytesAreCompactTlvWithIssuerDataHsm1() {
        HistoricalBytes h = Atr.parse(SCHSM).historicalBytes();
        assertEquals(0x80, h.category());
        assertEquals(14, h.bytes().length);
        List<CompactTlv> o = h.objects();
        assertEquals(List.of(0x3, 0x5, 0x7, 0x8), o.stream().map(CompactTlv::tag).toList());
        assertEquals("HSM1", new String(o.get(1).value()));
        assertEquals("card issuer's data: 48 53 4D 31 \"HSM1\"", o.get(1).toString());
        assertEquals("status indicator: 07", o.get(3).toString());
    }

    @Test
    void tckIsPresentAndCorrectForAllThreeSmartCardHsmAtrs() {
        for (String s : List.of(SCHSM, SCHSM_CL, SCHSM_T15)) {
            Atr atr = Atr.parse(s);
            assertTrue(atr.hasTck(), s);
            assertTrue(atr.isTckValid(), s);
            assertEquals(atr.tck(), atr.expectedTck(), s);
        }
    }

    @Test
    void contactlessAtrOffersT0AndT1AndKeepsHistoricalBytes() {
        Atr atr = Atr.parse(SCHSM_CL);
        assertEquals(Set.of(0, 1), atr.protocols());
        assertEquals(2, atr.interfaceBytes().size());
        assertEquals(0x18, atr.tck());
        assertEquals(14, atr.historicalBytes().bytes().length);
    }

    @Test
    void globalT15BytesAreNotAProtocolButStillRequireTck() {
        Atr atr = Atr.parse(SCHSM_T15);
        assertEquals(Set.of(1), atr.protocols());
        List<InterfaceBytes> l = atr.interfaceBytes();
        assertEquals(4, l.size());
        assertEquals(new InterfaceBytes(1, 0, 0x18, -1, 0xFF, 0x81), l.get(0));
        assertEquals(new InterfaceBytes(4, 15, 0xC3, -1, -1, -1), l.get(3));
        String text = String.join("\n", atr.describe());
        assertTrue(text.contains("TA4 C3  clock stop no preference, classes A (5 V), B (3 V)"), text);
        assertTrue(text.contains("TC1 FF  extra guard time N=255"), text);
    }

    @Test
    void describeGivesReadableLinesForEachElement() {
        List<String> d = Atr.parse(SCHSM).describe();
        assertEquals("TS  3B  direct convention", d.get(0));
        assertEquals("T0  FE  TA1 TB1 TC1 TD1 follow, 14 historical bytes", d.get(1));
        assertTrue(d.contains("TD1 81  TD2 follow, protocol T=1"), d.toString());
        assertTrue(d.contains("TA3 FE  IFSC 254 bytes"), d.toString());
        assertTrue(d.contains("TB3 45  BWI 4, CWI 5"), d.toString());
        assertTrue(d.contains("TCK FA  correct"), d.toString());
        assertEquals("Protocols: T=1", d.get(d.size() - 1));
    }

    @Test
    void wrongTckIsReportedButDoesNotStopDecoding() {
        Atr atr = Atr.parse(SCHSM.substring(0, SCHSM.length() - 2) + "FB");
        assertFalse(atr.isTckValid());
        assertEquals(0xFA, atr.expectedTck());
        assertTrue(atr.describe().contains("TCK FB  WRONG: XOR of T0..TCK is not 00, expected FA"), atr.describe().toString());
    }

    @Test
    void t0OnlyAtrHasNoTckAndRejectsAnExtraByte() {
        Atr atr = Atr.parse("3B 02 14 50");
        assertFalse(atr.hasTck());
        assertTrue(atr.isTckValid());
        assertEquals(Set.of(0), atr.protocols());
        assertTrue(atr.interfaceBytes().isEmpty());
        AtrFormatException e = assertThrows(AtrFormatException.class, () -> Atr.parse("3B 02 14 50 99"));
        assertEquals(4, e.position());
        assertTrue(e.getMessage().contains("no TCK is expected"), e.getMessage());
    }

    @Test
    void inverseConventionIsRecognisedFromTs() {
        assertEquals(Atr.Convention.INVERSE, Atr.parse("3F 00").convention());
        AtrFormatException e = assertThrows(AtrFormatException.class, () -> Atr.parse("3C 00"));
        assertEquals(0, e.position());
    }

    @Test
    void truncationNamesTheMissingByte() {
        assertTrue(assertThrows(AtrFormatException.class, () -> Atr.parse("3B")).getMessage().contains("T0"));
        assertTrue(assertThrows(AtrFormatException.class, () -> Atr.parse("3B FE 18 00 00")).getMessage().contains("TD1"));
        assertTrue(assertThrows(AtrFormatException.class, () -> Atr.parse("3B FE 18 00 00 81 31 FE")).getMessage().contains("TB3"));
        String noTck = SCHSM.substring(0, SCHSM.length() - 3);
        AtrFormatException e = assertThrows(AtrFormatException.class, () -> Atr.parse(noTck));
        assertTrue(e.getMessage().contains("TCK"), e.getMessage());
        assertEquals(Hex.decode(noTck).length, e.position());
        assertTrue(assertThrows(AtrFormatException.class, () -> Atr.parse("3B 8E 80 01 80 31")).getMessage().contains("historical byte T14"));
        assertTrue(InvalidInputException.class.isAssignableFrom(AtrFormatException.class));
    }

    @Test
    void transmissionFactorTablesFollowIso7816Part3() {
        assertEquals(512, TransmissionFactors.fi(0x95));
        assertEquals(16, TransmissionFactors.di(0x95));
        assertEquals(2048, TransmissionFactors.fi(0xD0));
        assertEquals(0, TransmissionFactors.di(0x10));
        assertEquals(0, TransmissionFactors.fi(0x71));
        assertEquals(20, TransmissionFactors.di(0x19));
    }
}

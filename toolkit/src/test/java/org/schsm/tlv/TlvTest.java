package org.schsm.tlv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.schsm.InvalidInputException;
import org.schsm.apdu.Hex;

class TlvTest {
    /** An FCP as the SmartCard-HSM answers SELECT: 62 { 82 01 38, 83 02 2F02, 85 05 .. }. */
    private static final byte[] FCP = Hex.decode("6211 8201 38 83022F02 8505 0001030502 8A0105".replace(" ", ""));

    @Test
    void fcpParsesIntoNestedChildrenAndPathFindsTheVersionBytes() {
        Tlv fcp = TlvReader.readOne(FCP);
        assertEquals(0x62, fcp.tag());
        assertTrue(fcp.isConstructed());
        assertEquals(4, fcp.children().size());
        assertEquals("0001030502", Hex.encode(TlvReader.find(FCP, "62/85").orElseThrow().value()));
        assertEquals("05", Hex.encode(fcp.find("8A").orElseThrow().value()));
        assertTrue(TlvReader.find(FCP, "62/84").isEmpty());
        assertTrue(TlvReader.find(FCP, "6F/85").isEmpty());
    }

    @Test
    void multiByteTagsOfACvCertificateAreReadWhole() {
        byte[] cert = new TlvWriter()
                .begin(0x7F21)
                .begin(0x7F4E).add(0x5F29, new byte[] {0}).add(0x42, "UTCA0000".getBytes()).end()
                .add(0x5F37, new byte[128])
                .end().toByteArray();
        assertEquals("7F2181", Hex.encode(cert).substring(0, 6)); // 149 bytes of value need the long form
        Tlv t = TlvReader.readOne(cert);
        assertEquals(0x7F21, t.tag());
        assertEquals(List.of(0x7F4E, 0x5F37), t.children().stream().map(Tlv::tag).toList());
        assertEquals("UTCA0000", new String(TlvReader.find(cert, "7F21/7F4E/42").orElseThrow().value()));
        assertEquals(0x5F29, t.find("7F4E/5F29").orElseThrow().tag());
    }

    @Test
    void fiveF20IsPrimitiveAndSevenF21IsConstructed() {
        assertFalse(Tlv.of(0x5F20, "HOLDER".getBytes()).isConstructed());
        assertTrue(Tlv.constructed(0x7F21).isConstructed());
        assertEquals("5F2006484F4C444552", Hex.encode(Tlv.of(0x5F20, "HOLDER".getBytes()).encode()));
    }

    @Test
    void lengthsUseTheShortestForm() {
        assertEquals("7F", Hex.encode(TlvWriter.encodeLength(127)));
        assertEquals("8180", Hex.encode(TlvWriter.encodeLength(128)));
        assertEquals("81FF", Hex.encode(TlvWriter.encodeLength(255)));
        assertEquals("820100", Hex.encode(TlvWriter.encodeLength(256)));
        assertEquals("82FFFF", Hex.encode(TlvWriter.encodeLength(65535)));
        assertEquals("83010000", Hex.encode(TlvWriter.encodeLength(65536)));
        assertThrows(TlvFormatException.class, () -> TlvWriter.encodeLength(0x1000000));
    }

    @Test
    void longFormLengthsRoundTrip() {
        for (int n : new int[] {0, 1, 127, 128, 255, 256, 1000, 65535, 65536, 70000}) {
            byte[] value = new byte[n];
            if (n > 0) {
                value[n - 1] = 0x5A;
            }
            byte[] enc = TlvWriter.encode(0x04, value);
            Tlv back = TlvReader.readOne(enc);
            assertEquals(n, back.length(), "length " + n);
            assertArrayEquals(value, back.value());
            assertArrayEquals(enc, back.encode());
        }
    }

    @Test
    void nonMinimalLongFormIsStillRead() {
        assertEquals(2, TlvReader.readOne(Hex.decode("048200 02AABB".replace(" ", ""))).length());
        assertEquals(1, TlvReader.readOne(Hex.decode("048301 0000".replace(" ", "") + "00".repeat(65536))).length() >> 16);
    }

    @Test
    void nestedStructureRoundTripsByteForByte() {
        byte[] enc = new TlvWriter().begin(0x30).add(0x80, new byte[] {1})
                .begin(0xA1).add(0x81, new byte[0]).end().end()
                .add(0x82, new byte[] {2, 3}).toByteArray();
        assertEquals("30078001 01A1028100 82020203".replace(" ", ""), Hex.encode(enc).replace(" ", ""));
        List<Tlv> all = TlvReader.readAll(enc);
        assertEquals(2, all.size());
        assertEquals("30 [80 01, A1 [81]]", all.get(0).toString());
        TlvWriter w = new TlvWriter();
        all.forEach(w::add);
        assertArrayEquals(enc, w.toByteArray());
        assertEquals(all.get(0), Tlv.constructed(0x30, Tlv.of(0x80, new byte[] {1}), Tlv.constructed(0xA1, Tlv.of(0x81, new byte[0]))));
    }

    @Test
    void truncatedValueReportsTheLengthOffset() {
        TlvFormatException e = assertThrows(TlvFormatException.class, () -> TlvReader.readAll(Hex.decode("8001AA8505AABB")));
        assertEquals(4, e.offset());
        assertTrue(e.getMessage().contains("tag 85"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void truncationInsideAConstructedObjectCountsFromTheOuterInput() {
        // 62 06 { 82 01 38, 85 05 ... } : the 85 claims more than 62 holds.
        TlvFormatException e = assertThrows(TlvFormatException.class, () -> TlvReader.readAll(Hex.decode("6206820138850500")));
        assertEquals(6, e.offset());
    }

    @Test
    void truncatedTagAndLengthAreReported() {
        assertEquals(1, assertThrows(TlvFormatException.class, () -> TlvReader.readAll(Hex.decode("7F"))).offset());
        assertEquals(2, assertThrows(TlvFormatException.class, () -> TlvReader.readAll(Hex.decode("5F20"))).offset());
        assertEquals(1, assertThrows(TlvFormatException.class, () -> TlvReader.readAll(Hex.decode("0482 01"))).offset());
    }

    @Test
    void indefiniteAndOverlongLengthsAreRejected() {
        TlvFormatException indefinite = assertThrows(TlvFormatException.class, () -> TlvReader.readAll(Hex.decode("3080 0000")));
        assertEquals(1, indefinite.offset());
        assertTrue(indefinite.getMessage().contains("indefinite"));
        assertEquals(1, assertThrows(TlvFormatException.class, () -> TlvReader.readAll(Hex.decode("0484 00000001 AA"))).offset());
    }

    @Test
    void trailingBytesAfterOneObjectAreAnError() {
        assertEquals(3, assertThrows(TlvFormatException.class, () -> TlvReader.readOne(Hex.decode("8001AA00"))).offset());
    }

    @Test
    void tlvFormatExceptionIsInvalidInput() {
        assertTrue(InvalidInputException.class.isAssignableFrom(TlvFormatException.class));
    }

    @Test
    void invalidTagsAndPrimitiveContainersAreRefused() {
        assertThrows(TlvFormatException.class, () -> Tlv.of(0x1F, new byte[0]));
        assertThrows(TlvFormatException.class, () -> Tlv.of(0x5F80, new byte[0]));
        assertThrows(TlvFormatException.class, () -> Tlv.of(0x8101, new byte[0]));
        assertThrows(TlvFormatException.class, () -> Tlv.constructed(0x85));
        assertThrows(TlvFormatException.class, () -> new TlvWriter().begin(0x5F20));
        assertThrows(IllegalStateException.class, () -> new TlvWriter().begin(0x30).toByteArray());
        assertThrows(InvalidInputException.class, () -> TlvReader.find(FCP, "62/XY"));
    }

    @Test
    void constructedValueGivenAsBytesIsParsedIntoChildren() {
        Tlv t = Tlv.of(0xA0, Hex.decode("8001FF"));
        assertEquals(1, t.children().size());
        assertEquals(0x80, t.children().get(0).tag());
        assertThrows(TlvFormatException.class, () -> Tlv.of(0xA0, Hex.decode("8005FF")));
    }

    @Test
    void valueIsADefensiveCopy() {
        Tlv t = Tlv.of(0x80, new byte[] {1, 2});
        t.value()[0] = 9;
        assertEquals("0102", Hex.encode(t.value()));
    }
}

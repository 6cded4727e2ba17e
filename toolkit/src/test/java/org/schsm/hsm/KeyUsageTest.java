package org.schsm.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.Hex;

/** The usage of a key as the FCP of SELECT CC<id> reports it in A5 (90 uses left, 91 algorithms, 92 domain). */
class KeyUsageTest {
    @Test
    void allThreeTagsAreRead() {
        KeyUsage usage = KeyUsage.fromFcp(Hex.decode("621A8002000082010183 02CC06 A50D 9004000001F4 91027380 920101"
                .replace(" ", "")));
        assertTrue(usage.reported());
        assertEquals(List.of(0x73, 0x80), usage.algorithms());
        assertEquals(500, usage.usesLeft().getAsLong());
        assertEquals(OptionalInt.of(1), usage.keyDomain());
        assertEquals("algorithms ECDSA-SHA256 (73), ECDH (80), uses left 500, key domain 1", usage.describe());
    }

    @Test
    void aKeyWithoutListOrCounterMayDoAnythingItsTypeAllowsForever() {
        KeyUsage usage = KeyUsage.fromFcp(Hex.decode("6210800200008201018302CC03A503920100"));
        assertTrue(usage.reported());
        assertEquals("any", usage.algorithmsText());
        assertEquals("unlimited", usage.usesLeftText());
    }

    @Test
    void anFcpWithoutA5ReportsNothingRatherThanNoRestriction() {
        KeyUsage usage = KeyUsage.fromFcp(Hex.decode("620B800200008201018302CC01"));
        assertSame(KeyUsage.NOT_REPORTED, usage);
        assertFalse(usage.reported());
        assertEquals("not reported", usage.algorithmsText());
        assertEquals("use not reported by the card", usage.describe());
    }

    @Test
    void aMalformedFcpOrCounterIsAMalformedResponse() {
        assertThrows(MalformedResponseException.class, () -> KeyUsage.fromFcp(Hex.decode("6205800200")));
        assertThrows(MalformedResponseException.class,
                () -> KeyUsage.fromFcp(Hex.decode("62148002000082010183 02CC01 A507 90050000000001".replace(" ", ""))));
    }

    @Test
    void unnamedAlgorithmIdsShowAsHex() {
        assertEquals("0xA0", KeyUsage.algorithmName(0xA0));
        assertEquals("RSA-PSS-SHA256", KeyUsage.algorithmName(0x43));
    }
}

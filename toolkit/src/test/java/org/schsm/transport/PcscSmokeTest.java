package org.schsm.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.schsm.atr.Atr;

/**
 * Talks to the real PC/SC service when there is one. Skipped, with the reason, when pcscd is not
 * running or its library is missing, so the build passes on machines without readers.
 */
class PcscSmokeTest {

    private static List<ReaderInfo> readersOrSkip(PcscProvider provider) {
        try {
            return new PcscReaders(provider).list(true);
        } catch (PcscUnavailableException e) {
            Assumptions.abort("no PC/SC service reachable through " + provider + ": " + e.getMessage());
            throw e; // not reached: abort always throws
        }
    }

    @ParameterizedTest
    @EnumSource(PcscProvider.class)
    void readersAreListedInOrderAndCardsAnswerWithAValidAtr(PcscProvider provider) {
        List<ReaderInfo> readers = readersOrSkip(provider);
        for (int i = 0; i < readers.size(); i++) {
            assertEquals(i, readers.get(i).index());
            assertTrue(!readers.get(i).name().isBlank());
        }
        ReaderInfo withCard = readers.stream().filter(r -> r.cardPresent() && r.atr().length > 0).findFirst().orElse(null);
        Assumptions.assumeTrue(withCard != null, "PC/SC runs (" + readers.size() + " readers) but no card is inserted");
        try (PcscTransport t = PcscTransport.open(withCard.name(), provider)) {
            Atr atr = Atr.parse(t.atr());
            assertEquals(withCard.name(), t.name());
            assertTrue(atr.bytes().length >= 2);
            t.beginExclusive();
            assertTrue(t.isExclusive());
            t.endExclusive();
        }
    }
}

package org.schsm.simulator.cvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.schsm.InvalidInputException;

class HolderReferenceTest {

    @Test
    void simulatedDeviceReferenceHasSixteenCharactersAndASerialWithoutTheSequence() {
        HolderReference ref = HolderReference.simulatedDevice(1);
        assertEquals("DESCHSM000100001", ref.toString());
        assertEquals("DESCHSM0001", ref.serialNumber());
    }

    @Test
    void parseSplitsCountryMnemonicAndSequence() {
        HolderReference ref = HolderReference.parse("DENK0102296" + "00001");
        assertEquals("DE", ref.countryCode());
        assertEquals("NK0102296", ref.mnemonic());
        assertEquals("00001", ref.sequenceNumber());
        assertEquals("DENK0102296", ref.serialNumber());
    }

    @Test
    void referencesLongerThanSixteenCharactersAreRejected() {
        // TR-03110: country (2) + mnemonic (up to 9) + sequence (5).
        assertThrows(InvalidInputException.class, () -> HolderReference.parse("DESCHSM0000100001"));
        assertThrows(InvalidInputException.class, () -> new HolderReference("DE", "SCHSM00001", "00001"));
    }

    @Test
    void referencesShorterThanEightCharactersAreRejectedAsOpenScWould() {
        assertThrows(InvalidInputException.class, () -> new HolderReference("DE", "X", "0001"));
        assertThrows(InvalidInputException.class, () -> HolderReference.parse("DEX0001"));
    }

    @Test
    void countryCodeMustBeTwoCapitalLetters() {
        assertThrows(InvalidInputException.class, () -> new HolderReference("de", "SCHSM", "00001"));
    }

    @Test
    void deviceNumbersOutsideFourDigitsAreRejected() {
        assertThrows(InvalidInputException.class, () -> HolderReference.simulatedDevice(10000));
    }
}

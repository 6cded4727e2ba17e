package org.schsm.apdu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstructionTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "00A404000BE82B0601040181C31F020100", // SELECT AID
        "00A40000022F0200",                   // SELECT EF
        "00B10000045402000000",              // READ BINARY (odd)
        "00B0000000",                         // READ BINARY
        "00C0000010",                         // GET RESPONSE
        "0084000008",                         // GET CHALLENGE
        "00200081",                           // user PIN status query
        "00200088",                           // SO-PIN status query
        "80580000000000",                     // ENUMERATE OBJECTS, extended Le
        "8052000000",                         // DKEK status
        "8054000000",                         // public-key authentication status
    })
    void readOnlyCommandsDoNotAskForASave(String hex) {
        assertFalse(Instruction.mayChangeState(Hex.decode(hex)), hex);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0020008106313233343536",             // VERIFY with data (a wrong PIN costs a try)
        "002400810C313233343536363534333231", // CHANGE REFERENCE DATA
        "002C00810E3537363231383830313233343536", // RESET RETRY COUNTER
        "8050000003800200",                   // INITIALIZE DEVICE
        "805200002000",                       // IMPORT DKEK SHARE (data)
        "00D72F030654020000530100",           // UPDATE BINARY
        "00E40200022F03",                     // DELETE FILE
        "0046010000",                         // GENERATE KEY PAIR
        "80680170022000",                     // SIGN (use counter)
    })
    void writingCommandsAskForASave(String hex) {
        assertTrue(Instruction.mayChangeState(Hex.decode(hex)), hex);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0050000003800200",                   // INITIALIZE DEVICE in class 00: answered 6D00, changes nothing
        "00580000000000",                     // ENUMERATE OBJECTS in class 00
    })
    void theClassByteDoesNotDecideTheEffect(String hex) {
        byte[] command = Hex.decode(hex);
        byte[] proprietary = command.clone();
        proprietary[0] = (byte) 0x80;
        assertEquals(Instruction.mayChangeState(proprietary), Instruction.mayChangeState(command), hex);
    }

    @Test
    void pinAndKeyShareInstructionsCarrySecretsAndNoOthers() {
        Set<Instruction> secret = EnumSet.of(Instruction.VERIFY, Instruction.CHANGE_REFERENCE_DATA,
                Instruction.RESET_RETRY_COUNTER, Instruction.INITIALIZE_DEVICE, Instruction.IMPORT_DKEK_SHARE);
        for (Instruction i : Instruction.values()) {
            assertEquals(secret.contains(i), i.carriesSecret(), i.name());
            assertEquals(secret.contains(i), Instruction.secretAfterHeader(i.code()), i.name());
            assertEquals(i, Instruction.of(i.code()).orElseThrow());
        }
        assertFalse(Instruction.secretAfterHeader(0xCA));
    }

    @Test
    void namesAreTheStandardOnes() {
        assertEquals("CHANGE REFERENCE DATA", Instruction.nameOf(0x24));
        assertEquals("INITIALIZE DEVICE", Instruction.nameOf(0x50));
        assertEquals("READ BINARY", Instruction.nameOf(0xB1));
        assertEquals("INS CA", Instruction.nameOf(0xCA));
        assertTrue(Instruction.of(0xCA).isEmpty());
    }

    @Test
    void aCommandTooShortForAHeaderChangesNothing() {
        assertFalse(Instruction.mayChangeState(Hex.decode("0020")));
        assertTrue(Instruction.mayChangeState(Hex.decode("00CA0000")), "an unknown instruction may write");
    }
}

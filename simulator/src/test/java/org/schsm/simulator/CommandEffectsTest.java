package org.schsm.simulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.schsm.apdu.Hex;

class CommandEffectsTest {

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
        assertFalse(CommandEffects.mayChangeState(Hex.decode(hex)), hex);
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
        assertTrue(CommandEffects.mayChangeState(Hex.decode(hex)), hex);
    }
}

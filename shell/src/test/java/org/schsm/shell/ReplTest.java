package org.schsm.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplTest {
    @TempDir
    Path dir;

    @Test
    void variablesDeclaredWithDefPersistBetweenLines() throws Exception {
        var r = ShellFixture.repl(dir, "def x = 20\ny = 2\nx + y + 20\n:quit\n");
        assertTrue(r.out().contains("=> 42"), r.out());
        assertEquals(0, r.exitCode());
    }

    @Test
    void multiLineClosureDefinitionIsReadAsOneInputAndPersists() throws Exception {
        // the continuation prompt itself is drawn only on a real terminal; GroovyLineParserTest covers it
        var r = ShellFixture.repl(dir, "def twice = { n ->\n  n * 2\n}\ntwice(21)\n:quit\n");
        assertEquals(2, r.out().split("=> ", -1).length - 1, r.out());   // one result per input, not per line
        assertTrue(r.out().contains("=> 42"), r.out());
        assertFalse(r.out().contains("error:"), r.out());
    }

    @Test
    void cardRefusalIsOneLineWithStatusWordMeaningAndNoStackTrace() throws Exception {
        String input = "send(\"" + ShellFixture.SELECT + "\")\n"
                + "send(\"" + ShellFixture.initializeApdu() + "\", expect: 0x9000)\n"
                + "send(\"00 20 00 81 06 31 31 31 31 31 31\", expect: 0x9000)\n"
                + "println 'still here'\n:quit\n";
        var r = ShellFixture.repl(dir, input);
        assertTrue(r.out().contains("error: VERIFY (00 20 00 81 06 **) answered 63C2 (wrong PIN, 2 tries left);"
                + " expected 9000 (success)"), r.out());
        assertFalse(r.out().contains("\tat "), r.out());
        assertFalse(r.out().contains("Exception"), r.out());
        assertTrue(r.out().contains("still here"), r.out());
    }

    @Test
    void traceCommandPrintsFullStackTraceOfLastError() throws Exception {
        var r = ShellFixture.repl(dir, "send(\"00 20 00 81\", expect: 0x9000)\n:trace\n:quit\n");
        // the shell selected the application on connecting: the fresh card says "not initialized"
        assertTrue(r.out().contains("error: VERIFY (00 20 00 81) answered 6A88"), r.out());
        assertTrue(r.out().contains("org.schsm.shell.UnexpectedStatusWordException"), r.out());
        assertTrue(r.out().contains("\tat "), r.out());
    }

    @Test
    void aResultThatIsAMaskedSecretIsNotShown() throws Exception {
        var r = ShellFixture.repl(dir, "pin = '648219'\n'64' + '8219'\n[soPin: '3537363231383830']\n1 + 1\n:quit\n");
        assertFalse(r.out().contains("648219"), r.out());
        assertFalse(r.out().contains("3537363231383830"), r.out());
        assertEquals(3, r.out().split("not shown: holds a value masked as a secret", -1).length - 1, r.out());
        assertTrue(r.out().contains("=> 2"), r.out());   // results without a secret still print
    }

    @Test
    void groovyErrorsAreOneLineToo() throws Exception {
        var r = ShellFixture.repl(dir, "nosuchThing + 1\n1 +* 2\nhex('0G')\n:quit\n");
        assertTrue(r.out().contains("error: MissingPropertyException: No such property: nosuchThing"), r.out());
        assertTrue(r.out().contains("error: syntax: "), r.out());
        assertTrue(r.out().contains("error: 'G' is not a hex digit (at position 1)"), r.out());
        assertFalse(r.out().contains("\tat "), r.out());
    }

    @Test
    void helpListsBindingsAndFunctions() throws Exception {
        var r = ShellFixture.repl(dir, ":help\n:exit\n");
        assertTrue(r.out().contains("send(\"00 20 00 81\", expect:"), r.out());
        assertTrue(r.out().contains("Variables: card, err, hsm, out"), r.out());
        assertFalse(r.out().contains(ShellSession.SESSION_VARIABLE), r.out());
    }

    @Test
    void traceSwitchPrintsApdusToStderrWithPinDataRedacted() throws Exception {
        var r = ShellFixture.repl(dir, "trace(true)\nsend(\"" + ShellFixture.SELECT + "\")\n"
                + "send(\"00 20 00 81 06 31 32 33 34 35 36\")\ntrace(false)\nsend(\"00 20 00 88\")\n:quit\n");
        assertTrue(r.err().contains("> 00 A4 04 00 0B E8 2B"), r.err());
        assertTrue(r.err().contains("> 00 20 00 81 06 **"), r.err());
        assertTrue(r.err().contains("< 6A88"), r.err());
        assertFalse(r.err().contains("31 32 33"), r.err());
        assertFalse(r.err().contains("00 20 00 88"), r.err());
    }

    @Test
    void byteArraysPrintAsHexAndResponsesReadably() throws Exception {
        var r = ShellFixture.repl(dir, "hex('00a4')\nsend('00 20 00 81')\n:quit\n");
        assertTrue(r.out().contains("=> 00 A4"), r.out());
        assertTrue(r.out().contains("=> 6A88 (referenced data not found"), r.out());
    }

    @Test
    void simReplacesTheCardWithAFreshOne() throws Exception {
        var r = ShellFixture.repl(dir, "send(\"" + ShellFixture.SELECT + "\")\n"
                + "send(\"" + ShellFixture.initializeApdu() + "\").sw == 0x9000\n"
                + "sim()\nsend(\"" + ShellFixture.SELECT + "\")\nsend('00 20 00 81').sw == 0x6A88\n:quit\n");
        assertEquals(2, r.out().split("=> true", -1).length - 1, r.out());
    }

    @Test
    void endOfInputEndsTheShell() throws Exception {
        var r = ShellFixture.repl(dir, "1 + 1\n");
        assertTrue(r.out().contains("=> 2"), r.out());
        assertEquals(0, r.exitCode());
    }

    @Test
    void hsmIsTheApiOnTheCardAndIsReboundByConnectAndSim() throws Exception {
        String init = "hsm.select(); hsm.initialize(InitializeOptions.builder(SoPin.fromHex('" + ShellFixture.SO_PIN
                + "'), Pin.user('" + ShellFixture.USER_PIN + "')).build())";
        var r = ShellFixture.repl(dir, "hsm.status().initialized()\n" + init + "\n"
                + "hsm.pinStatus(PinReference.USER).describe()\n"
                + "sim()\nhsm.transport().is(card)\nhsm.status().initialized()\n"
                + "connect('sim')\nhsm.transport().is(card)\nhsm.status().userPin().describe()\n"
                + "hsm.status()\nDoctor.diagnose(hsm)\n:quit\n");
        assertFalse(r.out().contains("error:"), r.out());
        assertTrue(r.out().contains("=> false\n"), r.out());
        assertTrue(r.out().contains("=> user PIN tries left: 3\n"), r.out());
        assertTrue(r.out().contains("=> true\nschsm> => false\n"), r.out());   // sim(): a fresh card under hsm
        assertTrue(r.out().contains("=> true\nschsm> => user PIN tries left: 3\n"), r.out());   // connect: the saved one
        assertTrue(r.out().contains("=> Card: SmartCard-HSM version 3.6\nATR: 3B FE"), r.out());   // reports as text
        assertFalse(r.out().contains("Diagnosis["), r.out());
        String history = java.nio.file.Files.readString(dir.resolve("history"));
        assertFalse(history.contains(ShellFixture.USER_PIN) || history.contains(ShellFixture.SO_PIN), history);
        assertTrue(history.contains("Pin.user(\"****\")") || history.contains("Pin.user('****')"), history);
    }

    @Test
    void brickGuardRefusalIsShownWholeAndForceGoesThrough() throws Exception {
        var r = ShellFixture.repl(dir, "send(\"" + ShellFixture.SELECT + "\")\n"
                + "send(\"" + ShellFixture.initializeApdu() + "\", expect: 0x9000)\n"
                + "hsm.verify(Pin.user('000000'))\nhsm.verify(Pin.user('000000'))\n"
                + "hsm.verify(Pin.user('" + ShellFixture.USER_PIN + "'))\n"
                + "hsm.pinStatus(PinReference.USER).triesLeft()\n"
                + "hsm.withForce().verify(Pin.user('" + ShellFixture.USER_PIN + "'))\n"
                + "hsm.pinStatus(PinReference.USER).state()\n:quit\n");
        assertTrue(r.out().contains("error: VERIFY user PIN refused by the card: 63C2 (wrong PIN, 2 tries left)"), r.out());
        assertTrue(r.out().contains("error: Refused: VERIFY user PIN would spend the last try of the user PIN (1 left)"), r.out());
        assertTrue(r.out().contains("hsm.withForce()"), r.out());
        assertTrue(r.out().contains("=> 1\n"), r.out());   // the guard sent nothing
        assertTrue(r.out().contains("=> VERIFIED\n"), r.out());
        assertFalse(r.out().contains("\tat "), r.out());
    }

    /** One holder per state file: reconnecting to the card this shell holds lets go of it first. */
    @Test
    void connectToTheSimulatedCardThisShellHoldsReconnectsAtOnce() throws Exception {
        var r = ShellFixture.repl(dir, "connect('sim')\nconnect('sim')\ncard.name().startsWith('sim')\n:quit\n");
        assertFalse(r.out().contains("error:"), r.out());
        assertTrue(r.out().contains("=> true\n"), r.out());
    }

    @Test
    void readersListTheSimulatorFirstAndConnectToAnUnknownReaderKeepsTheCard() throws Exception {
        var r = ShellFixture.repl(dir, "readers()[0]\nconnect('no such reader 42')\ncard.name().startsWith('sim')\n:quit\n");
        assertTrue(r.out().contains("=> sim\n"), r.out());
        assertTrue(r.out().contains("error: "), r.out());
        assertTrue(r.out().contains("=> true\n"), r.out());
    }
}

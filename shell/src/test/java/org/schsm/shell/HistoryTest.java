package org.schsm.shell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
    @TempDir
    Path dir;

    @Test
    void historyFileNeverContainsThePinInAsciiOrHex() throws Exception {
        String pin = ShellFixture.USER_PIN;
        String input = String.join("\n",
                "send(\"" + ShellFixture.SELECT + "\")",
                "send(\"" + ShellFixture.initializeApdu() + "\", expect: 0x9000)",
                "send(\"00 20 00 81 06 36 34 38 32 31 39\")",
                "send(0x00, 0x20, 0x00, 0x81, \"" + ShellFixture.USER_PIN_HEX + "\", expect: 0x9000)",
                "pin = \"" + pin + "\"",
                "hsm?.verify(PinReference.USER, Pin.user(\"" + pin + "\"))",
                "SoPin.fromHex(\"" + ShellFixture.SO_PIN + "\")",
                "later = hex('36 34 38 32 31 39')",
                "send('00 20 00 81')",
                ":quit", "");
        var r = ShellFixture.repl(dir, input);
        assertFalse(r.out().contains("error: VERIFY"), r.out());   // the PIN commands did reach the card
        String history = Files.readString(dir.resolve("history"));
        for (String secret : new String[] {pin, ShellFixture.USER_PIN_HEX, "36 34 38 32 31 39", ShellFixture.SO_PIN,
                "35 37 36 32 31 38 38 30", "3637363231383830".replace('6', '5')}) {
            assertFalse(history.contains(secret), "history holds " + secret + ":\n" + history);
        }
        assertTrue(history.contains("send(\"00 20 00 81 06 **\")"), history);
        assertTrue(history.contains("send(\"80 50 00 00 19 **\", expect: 0x9000)"), history);
        assertTrue(history.contains("Pin.user(\"****\")"), history);
        assertTrue(history.contains("send('00 20 00 81')"), history);   // harmless lines stay as typed
    }
}

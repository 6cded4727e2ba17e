package org.schsm.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.schsm.InvalidInputException;
import org.schsm.apdu.ResponseApdu;
import org.schsm.apdu.StatusWord;
import org.schsm.apdu.StatusWordException;
import org.schsm.testkit.HsmConstants;
import org.schsm.tlv.Tlv;
import org.schsm.tlv.TlvFormatException;

class SendTest {
    private final ShellFixture.Session s = new ShellFixture.Session();

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void sendWithExpectReturnsTheResponseWhenTheStatusWordIsExpected() {
        s.eval("send('" + ShellFixture.SELECT + "', expect: 0x9000)");
        s.eval("send('" + ShellFixture.initializeApdu() + "', expect: [0x9000])");
        Object r = s.eval("send('00 20 00 81', expect: [0x9000, 0x63C0..0x63CF])");
        assertEquals(0x63C3, ((ResponseApdu) r).sw());
    }

    @Test
    void unexpectedStatusWordRaisesTypedErrorNamingCommandExpectedAndActual() {
        s.eval("send('" + ShellFixture.SELECT + "')");
        var e = assertThrows(UnexpectedStatusWordException.class,
                () -> s.eval("send('00 20 00 81', expect: [0x9000, 0x63C0..0x63CF])"));
        assertInstanceOf(StatusWordException.class, e);
        assertEquals(new StatusWord(0x6A88), e.statusWord());
        assertEquals(17, e.expected().size());   // 9000 and the 16 values of the range
        assertEquals("VERIFY (00 20 00 81) answered 6A88 (referenced data not found: device not initialized or no such PIN);"
                + " expected 9000 (success) or 63C0..63CF (wrong PIN, 0 tries left .. wrong PIN, 15 tries left)", e.getMessage());
    }

    @Test
    void errorOfAPinCommandShowsItsDataAsStars() {
        s.eval("send('" + ShellFixture.SELECT + "'); send('" + ShellFixture.initializeApdu() + "')");
        var e = assertThrows(UnexpectedStatusWordException.class,
                () -> s.eval("send(0x00, 0x20, 0x00, 0x81, '313131313131', expect: 0x9000)"));
        assertTrue(e.getMessage().startsWith("VERIFY (00 20 00 81 06 **) answered 63C2 (wrong PIN, 2 tries left)"), e.getMessage());
        assertFalse(e.getMessage().contains("31 31"), e.getMessage());
        assertEquals("00 20 00 81 06 **", e.command());
    }

    @Test
    void fieldFormAcceptsHexBytesAndListsAsDataAndLe() {
        Object r = s.eval("send(0x00, 0xA4, 0x04, 0x00, hex('" + HsmConstants.compact(HsmConstants.AID) + "'), 256)");
        assertEquals(0x9000, ((ResponseApdu) r).sw());
        r = s.eval("send(0x00, 0xA4, 0x04, 0x00, [0xE8, 0x2B, 6, 1, 4, 1, 0x81, 0xC3, 0x1F, 2, 1], 256)");
        assertTrue(((ResponseApdu) r).dataLength() > 0);
    }

    @Test
    void expectAcceptsHexStringsAndRejectsNonsense() {
        s.eval("send('" + ShellFixture.SELECT + "', expect: '9000')");
        assertThrows(InvalidInputException.class, () -> s.eval("send('00 20 00 81', expect: [])"));
        assertThrows(InvalidInputException.class, () -> s.eval("send('00 20 00 81', expect: 1.5d)"));
        assertThrows(InvalidInputException.class, () -> s.eval("send('00 20 00 81', exepct: 0x9000)"));
    }

    @Test
    void extensionModuleGivesResponsesGroovyProperties() {
        Object values = s.eval("r = send('" + ShellFixture.SELECT + "'); [r.sw, r.ok, r.data.length, r.statusWord.toString(),"
                + " r.statusWord.meaning, r.hex.substring(0, 5), send('00 20 00 81').meaning, send('00 20 00 81').ok]");
        assertEquals(List.of(0x9000, true, 25, "9000 (success)", "success", "62 17",
                "referenced data not found: device not initialized or no such PIN", false), values);
    }

    @Test
    void hexAndTlvHelpers() {
        assertEquals("00 A4 04 00", s.eval("hex(hex('00a4:04-00'))"));
        Object fcp = s.eval("tlv(send('" + ShellFixture.SELECT + "').data).find(0x85).value.length");
        assertEquals(5, fcp);
        assertInstanceOf(Tlv.class, s.eval("tlv('62 03 82 01 38')"));
        assertEquals("62 [82 38]", s.eval("tlv('62 03 82 01 38').toString()"));
        assertEquals("62 [3]\n  82 [1] 38", s.eval("tlv('62 03 82 01 38').tree"));
        assertEquals(List.of(0x62, "62", 3, 0x82, "38"), s.eval("t = tlv('62 03 82 01 38'); [t.tag, t.tagHex, t.length,"
                + " t.children[0].tag, hex(t.find('82').get().value)]"));
        assertEquals(2, s.eval("tlv('80 01 01 81 00').size()"));   // several top-level objects: a list
        assertEquals(null, s.eval("tlv('62 03 82 01 38').find(0x85)"));
        assertThrows(TlvFormatException.class, () -> s.eval("tlv('62 05 82 01')"));
    }

    @Test
    void readersAlwaysListTheSimulator() {
        assertEquals("sim", s.eval("readers()[0]"));
    }

    @Test
    void askPinUsesThePromptOfTheSession() {
        s.session.pinPrompt(prompt -> ("x" + prompt).toCharArray());
        assertEquals("xPIN", s.eval("new String(askPin('PIN'))"));
        assertEquals("123456", s.eval("new String(pinFrom('123456', 'PIN'))"));
        assertEquals("xuser PIN", s.eval("new String(pinFrom(null, 'user PIN'))"));
    }
}

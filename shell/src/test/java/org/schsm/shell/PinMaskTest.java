package org.schsm.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.schsm.testkit.HsmConstants;

class PinMaskTest {
    private final PinMask mask = new PinMask();

    @Test
    void pinLiteralsInHsmCallsAreMasked() {
        assertEquals("hsm.verify(PinReference.USER, Pin.user(\"****\"))",
                mask.mask("hsm.verify(PinReference.USER, Pin.user(\"648219\"))"));
        assertEquals("hsm.changePin(PinReference.USER, Pin.user('****'), Pin.user('****'))",
                mask.mask("hsm.changePin(PinReference.USER, Pin.user('648219'), Pin.user('123456'))"));
        assertEquals("hsm.resetRetryCounter(SoPin.fromHex(\"****\"), Pin.user(\"****\".toCharArray()))",
                mask.mask("hsm.resetRetryCounter(SoPin.fromHex(\"3537363231383830\"), Pin.user(\"111111\".toCharArray()))"));
        assertEquals("hsm.initialize(InitializeOptions.builder().soPin(SoPin.fromHex('****')).userPin(Pin.user('****')).build())",
                mask.mask("hsm.initialize(InitializeOptions.builder().soPin(SoPin.fromHex('3537363231383830')).userPin(Pin.user('648219')).build())"));
    }

    @Test
    void literalsAssignedToPinNamesAreMasked() {
        assertEquals("pin = \"****\"", mask.mask("pin = \"648219\""));
        assertEquals("def soPin = '****'; x = 'visible'", mask.mask("def soPin = '3537363231383830'; x = 'visible'"));
        assertEquals("pin == \"648219\"", new PinMask().mask("pin == \"648219\""));   // a comparison, not an assignment
    }

    @Test
    void valuesOfSecretNamedKeysAreMaskedAndTheirNeighboursKept() {
        assertEquals("opts = [soPin: '****', label: 'visible']",
                mask.mask("opts = [soPin: '3537363231383830', label: 'visible']"));
        assertEquals("run(password: \"****\", out: 'share.pbe')",
                new PinMask().mask("run(password: \"s3cr3t-pass\", out: 'share.pbe')"));
        assertEquals("sharePassword = '****'", new PinMask().mask("sharePassword = 's3cr3t-pass'"));
        assertEquals("x = ok ? 'a' : 'b'", new PinMask().mask("x = ok ? 'a' : 'b'"));   // no secret name
    }

    @Test
    void sendOfPinCommandKeepsOnlyTheRedactedApdu() {
        assertEquals("send(\"00 20 00 81 06 **\")", mask.mask("send(\"00 20 00 81 06 363438323139\")"));
        assertEquals("send('00 2C 00 81 0E **', expect: [0x9000])",
                mask.mask("send('002C00810E3537363231383830313233343536', expect: [0x9000])"));
        assertEquals("send(\"80 50 00 00 04 **\")", mask.mask("send(\"80 50 00 00 04 81 02 31 32\")"));
        assertEquals("send(\"00 20 00 81 **\")", mask.mask("send(\"00 20 00 81 06 ${pinHex}\")"));
    }

    @Test
    void sendWithFieldsMasksTheDataOfPinInstructionsOnly() {
        assertEquals("send(0x00, 0x20, 0x00, 0x81, \"****\")", mask.mask("send(0x00, 0x20, 0x00, 0x81, \"363438323139\")"));
        assertEquals("send(0, 0x24, 0, 0x81, hex('****'), expect: 0x9000)",
                mask.mask("send(0, 0x24, 0, 0x81, hex('363438323139313233343536'), expect: 0x9000)"));
        assertEquals("send(cla, ins, 0, 0x81, '****')", mask.mask("send(cla, ins, 0, 0x81, '3132333435')"));
        assertEquals("send(0x00, 0xB1, 0x2F, 0x02, '54020000')", mask.mask("send(0x00, 0xB1, 0x2F, 0x02, '54020000')"));
    }

    @Test
    void commandsWithoutSecretsAreStoredAsTyped() {
        String[] lines = {
            "send(\"00 A4 04 00 0B " + HsmConstants.AID + " 00\")",
            "send(\"00 20 00 81\", expect: [0x9000, 0x63C0..0x63CF])",
            "println \"hello\"; x = [1, 2, 3]",
            "askPin(\"user PIN\")",
        };
        for (String line : lines) {
            assertEquals(line, mask.mask(line));
        }
    }

    @Test
    void aValueMaskedOnceIsMaskedLaterAsTextAndAsHex() {
        mask.mask("pin = '648219'");
        assertEquals("x = '****'", mask.mask("x = '648219'"));
        assertEquals("y = \"****\"", mask.mask("y = \"36 34 38 32 31 39\""));
        assertEquals("z = '123'", mask.mask("z = '123'"));
    }

    @Test
    void multiLineInputIsMaskedAsAWhole() {
        assertEquals("if (true) {\n  hsm.verify(PinReference.USER, Pin.user(\"\"\"****\"\"\"))\n}",
                mask.mask("if (true) {\n  hsm.verify(PinReference.USER, Pin.user(\"\"\"648219\"\"\"))\n}"));
    }
}

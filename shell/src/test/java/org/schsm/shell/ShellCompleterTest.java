package org.schsm.shell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groovy.lang.Binding;
import org.junit.jupiter.api.Test;
import org.schsm.apdu.ResponseApdu;
import org.schsm.simulator.SimulatorTransport;

class ShellCompleterTest {
    private final Binding binding = new Binding();
    private final ShellCompleter completer = new ShellCompleter(binding);

    @Test
    void topLevelOffersBindingsFunctionsAndKeywordsButNotTheSession() {
        binding.setVariable("card", SimulatorTransport.withFreshCard());
        binding.setVariable(ShellSession.SESSION_VARIABLE, "hidden");
        var all = completer.candidates("");
        assertTrue(all.contains("card"));
        assertTrue(all.contains("send("));
        assertTrue(all.contains("askPin("));
        assertTrue(all.contains("while"));
        assertFalse(all.contains(ShellSession.SESSION_VARIABLE));
    }

    @Test
    void afterADotOffersMembersOfTheObjectAndExtensionProperties() {
        binding.setVariable("card", SimulatorTransport.withFreshCard());
        binding.setVariable("r", new ResponseApdu(new byte[] {1}, 0x9000));
        assertTrue(completer.candidates("card.").contains("card.transmit("));
        assertTrue(completer.candidates("card.").contains("card.name("));
        var r = completer.candidates("r.");
        assertTrue(r.contains("r.sw"), r.toString());
        assertTrue(r.contains("r.statusWord"), r.toString());
        assertTrue(r.contains("r.ok"), r.toString());
        assertTrue(completer.candidates("r.statusWord.").contains("r.statusWord.meaning"));
        assertFalse(r.contains("r.wait("));
    }

    @Test
    void theKeyOperationsOfHsmComplete() {
        binding.setVariable("hsm", new org.schsm.hsm.SmartCardHsm(SimulatorTransport.withFreshCard()));
        var members = completer.candidates("hsm.");
        for (String m : new String[] {"keys(", "key(", "keysWithUsage(", "keyUsage(", "generateKeyPair(", "sign(", "deleteKey(", "deviceIdentity(",
                "computeSignature(", "decipher(", "enumerateObjects(", "readBinary("}) {
            assertTrue(members.contains("hsm." + m), () -> m + " in " + members);
        }
        assertTrue(completer.candidates("KeySpec.").contains("KeySpec.parse("));
        assertTrue(completer.candidates("hsm.deviceIdentity.").contains("hsm.deviceIdentity.verdict("),
                () -> completer.candidates("hsm.deviceIdentity.").toString());
    }

    @Test
    void classNamesOfferStaticMembersAndCommandsComplete() {
        assertTrue(completer.candidates("CommandApdu.").contains("CommandApdu.parse("));
        assertTrue(completer.candidates("Hex.").contains("Hex.decode("));
        assertTrue(completer.candidates(":t").contains(":trace"));
    }
}

package org.schsm.shell;

import groovy.lang.Binding;
import java.util.List;

/** The text of {@code :help}. */
final class ShellHelp {
    static final List<String> COMMANDS = List.of(":help", ":trace", ":quit", ":exit");

    /** One common task and a line that does it; each is run by a test, in this order, on a fresh card. */
    record Example(String task, String code) {
    }

    /**
     * Working lines for the common tasks. PINs come from askPin (no echo, never in history); the
     * card is selected when the shell connects, so the first line may be any of them.
     */
    static final List<Example> EXAMPLES = List.of(
            new Example("initialize (fresh card)", "hsm.initialize(InitializeOptions.builder("
                    + "SoPin.fromHex(askPin(\"SO-PIN, 16 hex digits\")), Pin.user(askPin(\"user PIN\"))).retryCounter(3).build())"),
            new Example("verify the user PIN", "hsm.verify(Pin.user(askPin(\"user PIN\")))"),
            new Example("generate a key (user PIN verified)", "hsm.generateKeyPair(0, KeySpec.parse(\"ec:secp256r1\"), \"my key\")"),
            new Example("list keys (no PIN)", "hsm.keys()"),
            new Example("sign with key 1 (SHA-256; ECDSA answers DER)", "hsm.sign(1, \"hello\".bytes)"),
            new Example("public key of key 1 as PEM", "hsm.key(1).publicKeyPem()"),
            new Example("what key 1 may do (algorithms, uses left)", "hsm.key(1).usage().get().describe()"),
            new Example("list keys with what each may do", "hsm.keysWithUsage()"),
            new Example("device identity (serial, certificate chain)", "hsm.deviceIdentity().with { serialNumber().get()"
                    + " + \": \" + verdict().describe() }"),
            new Example("delete key 1 (irreversible, so forced)", "hsm.withForce().deleteKey(1)"),
            new Example("change the user PIN", "hsm.changeReferenceData(Pin.user(askPin(\"user PIN\")), Pin.user(askPin(\"new user PIN\")))"),
            new Example("unblock it with the SO-PIN", "hsm.resetRetryCounter(SoPin.fromHex(askPin(\"SO-PIN, 16 hex digits\")), "
                    + "Pin.user(askPin(\"new user PIN\")))"),
            new Example("status (spends no try)", "hsm.status().lines()"),
            new Example("raw send", "send(\"00 20 00 81\").statusWord"),
            new Example("re-initialize (erases keys)", "hsm.withForce().initialize(InitializeOptions.builder("
                    + "SoPin.fromHex(askPin(\"SO-PIN, 16 hex digits\")), Pin.user(askPin(\"user PIN\"))).dkekShares(1).build())"));

    private static String examples() {
        StringBuilder b = new StringBuilder("Examples (the card's application is selected on connecting):\n");
        for (Example e : EXAMPLES) {
            b.append("  ").append(e.task()).append(":\n      ").append(e.code()).append('\n');
        }
        return b.toString();
    }

    private ShellHelp() {
    }

    static String text(Binding binding) {
        return """
                Groovy with the schsm toolkit. Variables persist between lines (def x = ... too).
                Bindings:
                  hsm                      SmartCard-HSM API on the current card (selected): examples below
                           brick guard on; hsm.withForce() sends what the guard refuses
                  card                     the CardTransport (bytes in, bytes out)
                Functions:
                  send("00 A4 04 00 ...")  send(cla, ins, p1, p2[, data[, le]])  -> ResponseApdu (.sw .data .ok .statusWord)
                  send("00 20 00 81", expect: [0x9000, 0x63C0..0x63CF])  fails unless the card answers so
                  hex("00 A4")  hex(bytes)  tlv(bytes) (.tag .value .children .find(0x85) .tree)  readers()  connect(NAME)  sim()
                  askPin("PIN")  (no echo)  trace(true|false)  lastError()
                Commands:
                  :help  :trace (stack trace of the last error)  :quit / :exit
                History: lines are stored with PIN literals masked (docs/scripting.md).
                """ + examples() + "Variables: " + String.join(", ", ShellCompleter.visibleBindingNames(binding)) + "\n";
    }
}

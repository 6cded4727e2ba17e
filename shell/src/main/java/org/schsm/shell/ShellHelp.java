package org.schsm.shell;

import groovy.lang.Binding;
import java.util.List;

/** The text of {@code :help}. */
final class ShellHelp {
    static final List<String> COMMANDS = List.of(":help", ":trace", ":quit", ":exit");

    private ShellHelp() {
    }

    static String text(Binding binding) {
        return """
                Groovy with the schsm toolkit. Variables persist between lines (def x = ... too).
                Bindings:
                  hsm                      SmartCard-HSM API on the current card: hsm.status().lines(), hsm.verify(Pin.user(askPin("PIN")))
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
                """ + "Variables: " + String.join(", ", ShellCompleter.visibleBindingNames(binding)) + "\n";
    }
}

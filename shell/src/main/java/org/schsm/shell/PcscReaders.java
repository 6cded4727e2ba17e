package org.schsm.shell;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;

/**
 * PC/SC reader names for {@code readers()}. PROVISIONAL: replaced by the toolkit's reader listing
 * when the PC/SC transport is merged; until then {@code connect} opens the simulator for any name.
 */
final class PcscReaders {
    private PcscReaders() {
    }

    static List<String> list(PrintWriter err) {
        List<String> names = new ArrayList<>();
        try {
            for (CardTerminal t : TerminalFactory.getDefault().terminals().list()) {
                names.add(t.getName());
            }
        } catch (CardException | RuntimeException e) {
            err.println("note: no PC/SC readers listed (" + ErrorText.oneLine(e) + ")");
        }
        return names;
    }
}

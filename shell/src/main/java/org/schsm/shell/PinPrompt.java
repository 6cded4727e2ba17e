package org.schsm.shell;

import java.io.Console;
import org.schsm.InvalidInputException;

/** Reads a PIN without echo; the shell uses JLine, scripts the system console. */
@FunctionalInterface
public interface PinPrompt {
    /** The characters typed; the caller owns (and should clear) the array. */
    char[] read(String prompt);

    /** {@link Console#readPassword}; refuses when there is no console (input redirected). */
    static PinPrompt console() {
        return prompt -> {
            Console console = System.console();
            if (console == null) {
                throw new InvalidInputException("askPin(\"" + prompt + "\"): no console to prompt on; "
                        + "pass the PIN as an argument or in an environment variable");
            }
            char[] typed = console.readPassword("%s: ", prompt);
            if (typed == null || typed.length == 0) {
                throw new InvalidInputException("no value entered for " + prompt);
            }
            return typed;
        };
    }
}

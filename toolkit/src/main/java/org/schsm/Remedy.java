package org.schsm;

/**
 * A way forward that the toolkit points to: a doctor finding, a brick-guard refusal or a card
 * error carries it as a value, never as the text of one front end. Each front end says it in its
 * own words: the command line as a {@code schsm ...} command, the Groovy shell as the call on
 * {@code hsm}. The toolkit's own messages ({@link #plain()}) name the toolkit's API, so that a
 * program embedding the toolkit never tells its users to run a tool they do not have; such a
 * program renders the remedies its own way with {@link Advice#render}.
 *
 * <p>A remedy holds what it needs to be said precisely (whether it erases, whether it forces), never a
 * secret value.
 */
public sealed interface Remedy {
    /** The remedy as a call of the toolkit's API, for the toolkit's own messages. */
    String plain();

    /** Initialize the device (INITIALIZE DEVICE); {@code erasing}: it is initialized already, so every key goes. */
    record Initialize(boolean erasing) implements Remedy {
        @Override
        public String plain() {
            return erasing ? "SmartCardHsm.withForce().initialize(options)" : "SmartCardHsm.initialize(options)";
        }
    }

    /** Read the device status: applet, PIN counters, DKEK; spends no try. */
    record ShowStatus() implements Remedy {
        @Override
        public String plain() {
            return "SmartCardHsm.status()";
        }
    }

    /** Read the PIN counters (VERIFY without data); spends no try. */
    record ShowPinStatus() implements Remedy {
        @Override
        public String plain() {
            return "SmartCardHsm.pinStatus(reference)";
        }
    }

    /** Present the user PIN (VERIFY); {@code forced}: past the guard, it is the last try. */
    record VerifyPin(boolean forced) implements Remedy {
        @Override
        public String plain() {
            return forced ? "SmartCardHsm.withForce().verify(pin)" : "SmartCardHsm.verify(pin)";
        }
    }

    /** Change the user PIN, the old value first (CHANGE REFERENCE DATA). */
    record ChangePin() implements Remedy {
        @Override
        public String plain() {
            return "SmartCardHsm.changePin(oldPin, newPin)";
        }
    }

    /** Reset the user PIN's counter with the SO-PIN (RESET RETRY COUNTER); {@code newPin}: and set a new PIN. */
    record UnblockPin(boolean newPin) implements Remedy {
        @Override
        public String plain() {
            return newPin ? "SmartCardHsm.unblock(soPin, newPin)" : "SmartCardHsm.unblock(soPin)";
        }
    }

    /** Examine the device and say what state it is in and what each way out costs. */
    record Diagnose() implements Remedy {
        @Override
        public String plain() {
            return "Doctor.diagnose(hsm)";
        }
    }

    /** Send the refused command anyway, past the brick guard. */
    record Force() implements Remedy {
        @Override
        public String plain() {
            return "SmartCardHsm.withForce()";
        }
    }

    /** List the keys on the device. */
    record ListKeys() implements Remedy {
        @Override
        public String plain() {
            return "SmartCardHsm.keys()";
        }
    }

    /** List the files on the device (ENUMERATE OBJECTS). */
    record ListFiles() implements Remedy {
        @Override
        public String plain() {
            return "SmartCardHsm.enumerateObjects()";
        }
    }

    /** Export a key wrapped under the DKEK (WRAP KEY), so that it can be imported again. */
    record WrapKey() implements Remedy {
        @Override
        public String plain() {
            return "SmartCardHsm.wrapKey(keyId)";
        }
    }
}

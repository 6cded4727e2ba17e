package org.schsm.cli;

import java.util.Arrays;
import org.schsm.hsm.Pin;
import org.schsm.hsm.SoPin;
import org.schsm.secrets.SecretKind;
import org.schsm.secrets.StoredSecrets;
import org.schsm.session.PinSource;

/**
 * Builds PIN values from command-line sources, clearing the intermediate character arrays so the
 * only copy left is inside the PIN object (which the caller closes).
 */
final class Secrets {
    private final PinSource source;

    Secrets(PinSource source) {
        this.source = source;
    }

    Pin userPin(String spec, String what, String option) {
        char[] chars = source.resolve(spec, what, option, SecretKind.USER_PIN);
        try {
            return Pin.user(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /**
     * An SO-PIN given as 16 hex digits, or, with {@code ascii}, as the 8 characters whose ASCII
     * codes form it (what people who read "57621880" in a manual type).
     */
    SoPin soPin(String spec, String what, String option, boolean ascii) {
        char[] chars = source.resolve(spec, what, option, SecretKind.SO_PIN);
        try {
            // a stored SO-PIN is always kept as 16 hex digits, whatever the option says
            return ascii && !StoredSecrets.isReference(spec) ? SoPin.fromAsciiCharacters(chars) : SoPin.fromHex(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }
}

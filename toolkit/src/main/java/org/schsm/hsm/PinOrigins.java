package org.schsm.hsm;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.schsm.apdu.StatusWord;

/**
 * Carries a {@link PinOrigin} from the characters a source handed out to the {@link PinValue}
 * built from them. Scripts and the CLI pass PINs as {@code char[]} (they can be cleared, unlike
 * strings) through code that knows nothing of origins: {@code pinFrom('secret:lab')} returns the
 * characters, {@code Pin.user(chars)} or {@code hsm.verify(chars)} makes the value. The array
 * itself is the key: arrays have identity equality, so the map never hashes or compares the
 * characters, and it holds the array weakly, so nothing is kept alive by it.
 */
public final class PinOrigins {
    private static final Map<char[], PinOrigin> ISSUED = Collections.synchronizedMap(new WeakHashMap<>());

    private PinOrigins() {
    }

    /** Records that {@code characters} came from {@code origin}; returns the characters. */
    public static char[] attach(char[] characters, PinOrigin origin) {
        ISSUED.put(characters, origin);
        return characters;
    }

    /** The origin recorded for this very array, if any. */
    static Optional<PinOrigin> of(char[] characters) {
        return Optional.ofNullable(ISSUED.get(characters));
    }

    /**
     * INITIALIZE DEVICE on an initialized device checks the SO-PIN; the card answers a wrong one
     * with 6985, 6986 or 6900 as well as 63Cx (what OpenSC reads as "PIN code or key incorrect").
     */
    static void reportInitialize(SoPin soPin, StatusWord answer) {
        int sw = answer.value();
        if (sw == 0x6985 || sw == 0x6986 || sw == 0x6900) {
            soPin.origin().ifPresent(origin -> origin.refused(answer));
        } else {
            report(soPin, answer);
        }
    }

    /** Reports the card's answer to a presented value to its origin: 63Cx and 6983 refuse, 9000 accepts. */
    static void report(PinValue presented, StatusWord answer) {
        presented.origin().ifPresent(origin -> {
            if (answer.isRetryCounter() || answer.value() == 0x6983) {
                origin.refused(answer);
            } else if (answer.value() == 0x9000) {
                origin.accepted();
            }
        });
    }
}

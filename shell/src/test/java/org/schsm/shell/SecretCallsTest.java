package org.schsm.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.schsm.Secret;
import org.schsm.session.PinSource;
import org.schsm.hsm.InitializeOptions;
import org.schsm.hsm.Pin;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.hsm.SoPin;

/**
 * The history mask follows the API: every public method or constructor that takes a secret
 * (a {@code PinValue}, a record holding one, or a parameter marked {@code @Secret}) has its
 * literal arguments masked, so a new one is masked without editing a list.
 */
class SecretCallsTest {
    private static final String SECRET = "Qv7#Secret9";

    @Test
    void everyApiMethodThatTakesASecretIsMasked() {
        List<Class<?>> api = SecretCalls.apiClasses();
        assertTrue(api.containsAll(List.of(SmartCardHsm.class, Pin.class, SoPin.class, InitializeOptions.class,
                SchsmScript.class, PinSource.class)), "classes found: " + api);
        List<String> calls = new ArrayList<>();
        for (Class<?> c : api) {
            for (Method m : c.getMethods()) {
                if (SecretCalls.takesSecret(m)) {
                    calls.add(call(c, m));
                }
            }
            for (Constructor<?> k : c.getConstructors()) {
                if (SecretCalls.takesSecret(k)) {
                    calls.add(call(c, k));
                }
            }
        }
        assertTrue(calls.size() >= 20, "secret-taking calls found: " + calls);
        PinMask mask = new PinMask();
        for (String line : calls) {
            String stored = mask.mask(line);
            assertFalse(stored.contains(SECRET), () -> "history keeps the secret of " + line + ": " + stored);
        }
    }

    @Test
    void theNamesCoverThePinCallsOfTheApi() {
        Set<String> names = SecretCalls.names();
        assertTrue(names.containsAll(Set.of("verify", "verifySo", "changePin", "changeSoPin", "unblock",
                "changeReferenceData", "resetRetryCounter", "initialize", "user", "fromHex", "fromAsciiCharacters",
                "pinFrom", "resolve", "InitializeOptions", "builder")), names.toString());
        assertFalse(names.contains("askPin"), "a prompt text is not a secret");
        assertFalse(names.contains("send"), "send is masked by what its APDU carries");
    }

    /** A method that is not in any list: its annotation alone gets it masked. */
    public static final class NewApi {
        public void unlockVault(@Secret String passphrase, int slot) {
        }

        public void label(String text) {
        }
    }

    @Test
    void anAnnotatedParameterIsEnoughToBeMasked() {
        Set<String> names = SecretCalls.namesIn(List.of(NewApi.class));
        assertEquals(Set.of("unlockVault"), names);
        PinMask mask = new PinMask(() -> names);
        assertEquals("vault.unlockVault('****', 2)", mask.mask("vault.unlockVault('" + SECRET + "', 2)"));
        assertEquals("vault.label('shown')", mask.mask("vault.label('shown')"));
    }

    /** A line calling {@code e} with the secret as every string argument. */
    private static String call(Class<?> c, Executable e) {
        List<String> args = new ArrayList<>();
        for (Class<?> type : e.getParameterTypes()) {
            args.add(type.isPrimitive() ? "1" : "'" + SECRET + "'");
        }
        String name = e instanceof Constructor<?> ? "new " + c.getSimpleName() : "x." + e.getName();
        return name + "(" + String.join(", ", args) + ")";
    }
}

package org.schsm.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.apdu.StatusWord;
import org.schsm.testkit.HsmConstants;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/** Every example :help shows works as shown, on a fresh card, and the first line needs no SELECT. */
class ShellHelpExamplesTest {
    private static final String SO = HsmConstants.DEFAULT_SO_PIN;

    @TempDir
    Path dir;

    @Test
    void helpShowsAnExampleForEveryCommonTask() {
        Set<String> tasks = ShellHelp.EXAMPLES.stream().map(e -> e.task().split(" ")[0]).collect(Collectors.toSet());
        assertTrue(tasks.containsAll(Set.of("initialize", "verify", "change", "unblock", "status", "raw", "generate", "list",
                "sign", "public", "device", "delete")), tasks::toString);
        try (ShellFixture.Session s = new ShellFixture.Session()) {
            String help = ShellHelp.text(s.session.binding());
            ShellHelp.EXAMPLES.forEach(e -> assertTrue(help.contains(e.code()), e::code));
        }
    }

    @Test
    void everyExampleRunsInOrderOnAFreshCard() {
        // what each askPin(...) of the examples, in order, is answered with
        Deque<String[]> answers = new ArrayDeque<>(List.of(
                new String[] {"SO-PIN, 16 hex digits", SO}, new String[] {"user PIN", "648219"},    // initialize
                new String[] {"user PIN", "648219"},                                                  // verify
                new String[] {"user PIN", "648219"}, new String[] {"new user PIN", "123456"},         // change
                new String[] {"SO-PIN, 16 hex digits", SO}, new String[] {"new user PIN", "654321"},  // unblock
                new String[] {"SO-PIN, 16 hex digits", SO}, new String[] {"user PIN", "111111"}));    // re-initialize
        try (ShellFixture.Session s = new ShellFixture.Session()) {
            s.session.pinPrompt(prompt -> {
                String[] next = answers.removeFirst();
                assertEquals(next[0], prompt);
                return next[1].toCharArray();
            });
            byte[] signature = null;
            for (ShellHelp.Example e : ShellHelp.EXAMPLES) {
                Object result = s.eval(e.code());
                if (e.task().startsWith("generate")) {
                    assertEquals("key 01: EC 256 bits secp256r1, label \"my key\", request", result.toString());
                }
                if (e.task().equals("list keys (no PIN)")) {
                    assertEquals("[key 01: EC 256 bits secp256r1, label \"my key\", request]", result.toString());
                }
                if (e.task().startsWith("sign")) {
                    signature = (byte[]) result;
                }
                if (e.task().startsWith("public")) {
                    assertTrue(verifies(result.toString(), signature), "the signature verifies with the PEM key");
                }
                if (e.task().startsWith("what")) {
                    assertEquals("algorithms any, uses left unlimited, key domain 0", result.toString());
                }
                if (e.task().startsWith("list keys with")) {
                    assertEquals("[key 01: EC 256 bits secp256r1, label \"my key\", request, algorithms any, uses left"
                            + " unlimited, key domain 0]", result.toString());
                }
                if (e.task().startsWith("device")) {
                    assertTrue(result.toString().matches("\\S+: simulated SmartCard-HSM.*"), result::toString);
                }
                if (e.task().startsWith("delete")) {
                    assertEquals("[]", s.eval("hsm.keys()").toString());
                }
                if (e.task().startsWith("status")) {
                    assertTrue(result.toString().contains("user PIN tries left: 3"), result::toString);
                }
                if (e.task().startsWith("raw")) {
                    assertEquals(0x63C3, ((StatusWord) result).value(), result::toString);
                }
            }
            assertTrue(answers.isEmpty(), () -> answers.size() + " prompts not asked");
            s.eval("hsm.verify(Pin.user('111111'))");
            assertTrue(s.eval("hsm.status().lines()").toString().contains("DKEK shares: 1"));
        }
    }

    /** Whether {@code signature} is an ECDSA (DER) signature of "hello" under the PEM public key. */
    private static boolean verifies(String pem, byte[] signature) {
        try {
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update("hello".getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFreshShellOnAnInitializedCardVerifiesAsItsFirstLine() throws Exception {
        SchsmRun init = InProcessSchsm.schsm("-r", "sim", "--sim-state", dir.resolve("sim.state").toString(),
                "init", "--so-pin", SO, "--pin", "648219");
        assertEquals(0, init.exitCode(), init::toString);
        var r = ShellFixture.repl(dir, "hsm.verify(Pin.user('648219'))\nsend('00 20 00 81').statusWord\n:quit\n");
        assertFalse(r.out().contains("error"), r.out());
        assertTrue(r.out().contains("9000"), r.out());
    }
}

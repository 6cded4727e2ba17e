package org.schsm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.session.ExitCode;
import org.schsm.testkit.InProcessSchsm;
import org.schsm.testkit.SchsmRun;

/** {@code schsm dkek create-share} takes its randomness from the card's GET CHALLENGE. */
class DkekCreateCliTest {
    @TempDir
    Path dir;

    @Test
    void createdShareOpensWithItsPasswordIsPrivateAndImportsToItsKcv() throws Exception {
        InProcessSchsm cli = InProcessSchsm.onSimulator(dir.resolve("card.state"));
        assertEquals(ExitCode.OK, cli.run("init", "--so-pin", "3537363231383830", "--pin", "648219",
                "--dkek-shares", "1").exitCode());
        Path share = dir.resolve("share.pbe");
        SchsmRun created = cli.run("dkek", "create-share", share.toString(), "--password", "custodian-1");
        assertEquals(ExitCode.OK, created.exitCode(), created::toString);
        Matcher kcv = Pattern.compile("key check value: ([0-9A-F]{16})").matcher(created.out());
        assertTrue(kcv.find(), created::toString);
        assertEquals(64, Files.size(share));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(share)));
        SchsmRun again = cli.run("dkek", "create-share", share.toString(), "--password", "custodian-1");
        assertEquals(ExitCode.BAD_INPUT, again.exitCode(), "never overwrites: " + again);

        SchsmRun imported = cli.run("dkek", "import", share.toString(), "--password", "custodian-1");
        assertEquals(ExitCode.OK, imported.exitCode(), imported::toString);
        assertTrue(imported.out().contains("DKEK key check value: " + kcv.group(1)), imported::toString);
    }

    @Test
    void passwordSharesArePrintedInScHsmToolsForm() {
        InProcessSchsm cli = InProcessSchsm.onSimulator(dir.resolve("card.state"));
        Path share = dir.resolve("share.pbe");
        SchsmRun created = cli.run("dkek", "create-share", share.toString(), "--password-shares", "3", "--threshold", "2");
        assertEquals(ExitCode.OK, created.exitCode(), created::toString);
        assertEquals(3, Pattern.compile("(?m)^Prime       : [0-9A-F:]+$").matcher(created.out()).results().count());
        assertTrue(created.out().contains("Share ID    : 3"), created::toString);
        assertEquals(3, Pattern.compile("(?m)^Share value : [0-9A-F:]+$").matcher(created.out()).results().count());
    }
}

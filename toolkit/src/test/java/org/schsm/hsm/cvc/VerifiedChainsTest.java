package org.schsm.hsm.cvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.schsm.hsm.cvc.ChainVerdict.Broken;
import org.schsm.hsm.cvc.TestCvcs.Key;

class VerifiedChainsTest {
    @TempDir
    Path dir;

    private final Key root = Key.generate("brainpoolP256r1");
    private final Key dica = Key.generate("brainpoolP256r1");
    private final Key device = Key.generate("brainpoolP256r1");
    private final byte[] rootCert = TestCvcs.certificate("DETESTROOT00001", "DETESTROOT00001", root.full().encode(), root);
    private final TrustedRoots roots = TrustedRoots.of(List.of(TrustedRoots.Root.of(CvCertificate.decode(rootCert), true)));
    private final byte[] dicaCert = TestCvcs.certificate("DETESTROOT00001", "DEDITEST00001", dica.pointOnlyTemplate(), root);

    private byte[] chainSignedBy(Key deviceSigner) {
        byte[] deviceCert = TestCvcs.certificate("DEDITEST00001", "DETEST012345600000", device.pointOnlyTemplate(), deviceSigner);
        return TestCvcs.concat(deviceCert, dicaCert);
    }

    @Test
    void aVerifiedChainIsRememberedAndItsSignaturesAreNotCheckedAgain() throws Exception {
        Path file = dir.resolve("cache/schsm/verified-chains");
        byte[] ef = chainSignedBy(dica);

        DeviceIdentity first = DeviceIdentity.of(ef, roots, VerifiedChains.in(file));
        assertEquals(new ChainVerdict.Genuine("DETESTROOT00001"), first.verdict());
        assertFalse(first.checkedBefore());
        assertEquals(1, Files.readAllLines(file).size(), "one line for the verified chain");

        DeviceIdentity second = DeviceIdentity.of(ef, roots, VerifiedChains.in(file));
        assertEquals(first.verdict(), second.verdict());
        assertTrue(second.checkedBefore());
        assertEquals(1, Files.readAllLines(file).size(), "nothing added for a chain already there");
    }

    @Test
    void anEntryStandsForTheSignaturesOfExactlyThoseBytesAndThatAnchor() throws Exception {
        Path file = dir.resolve("verified-chains");
        byte[] forged = chainSignedBy(Key.generate("brainpoolP256r1"));
        assertInstanceOf(Broken.class, DeviceIdentity.of(forged, roots, VerifiedChains.in(file)).verdict());
        assertFalse(Files.exists(file), "a broken chain is never remembered");

        // The file is trusted as a record of past checks: an entry for these bytes and this anchor
        // skips the checks (which is why it lives with the user's own files).
        String anchor = org.schsm.apdu.Hex.encode(roots.roots().get(0).publicKey().point());
        Files.writeString(file, org.schsm.apdu.Hex.encode(forged) + " " + anchor + "\n", StandardCharsets.US_ASCII);
        DeviceIdentity remembered = DeviceIdentity.of(forged, roots, VerifiedChains.in(file));
        assertTrue(remembered.checkedBefore());
        assertEquals(new ChainVerdict.Genuine("DETESTROOT00001"), remembered.verdict());

        // Another anchor with the same name (a different root key): the entry does not apply.
        Key otherRoot = Key.generate("brainpoolP256r1");
        TrustedRoots otherRoots = TrustedRoots.of(List.of(TrustedRoots.Root.of(CvCertificate.decode(
                TestCvcs.certificate("DETESTROOT00001", "DETESTROOT00001", otherRoot.full().encode(), otherRoot)), true)));
        DeviceIdentity other = DeviceIdentity.of(forged, otherRoots, VerifiedChains.in(file));
        assertFalse(other.checkedBefore());
        assertInstanceOf(Broken.class, other.verdict());

        // One byte more or less in 2F02: not the same chain.
        byte[] longer = java.util.Arrays.copyOf(forged, forged.length + 1);
        assertFalse(DeviceIdentity.of(longer, roots, VerifiedChains.in(file)).checkedBefore());
    }

    @Test
    void anUnreadableOrUnwritableFileOnlyCostsTheChecks() throws Exception {
        byte[] ef = chainSignedBy(dica);
        Path directory = Files.createDirectories(dir.resolve("a-directory"));
        DeviceIdentity unreadable = DeviceIdentity.of(ef, roots, VerifiedChains.in(directory));
        assertEquals(new ChainVerdict.Genuine("DETESTROOT00001"), unreadable.verdict());
        assertFalse(unreadable.checkedBefore());

        Path blocked = dir.resolve("not-a-directory");
        Files.writeString(blocked, "a file where the cache directory should be");
        DeviceIdentity unwritable = DeviceIdentity.of(ef, roots, VerifiedChains.in(blocked.resolve("verified-chains")));
        assertEquals(new ChainVerdict.Genuine("DETESTROOT00001"), unwritable.verdict());
        assertFalse(DeviceIdentity.of(ef, roots, VerifiedChains.in(blocked.resolve("verified-chains"))).checkedBefore());
    }

    @Test
    void aFullFileStartsOver() throws Exception {
        Path file = dir.resolve("verified-chains");
        Files.write(file, new byte[(int) VerifiedChains.MAX_BYTES + 1]);
        DeviceIdentity.of(chainSignedBy(dica), roots, VerifiedChains.in(file));
        assertEquals(1, Files.readAllLines(file).size());
        assertTrue(Files.size(file) < 2_000);
    }

    @Test
    void aSelfSignedChainIsRememberedAgainstItsOwnKey() {
        Path file = dir.resolve("verified-chains");
        Key key = Key.generate("secp256r1");
        byte[] cert = TestCvcs.certificate("ESPICOHSMTR00001", "ESPICOHSMTR00001", key.full().encode(), key);
        assertFalse(DeviceIdentity.of(cert, TrustedRoots.known(), VerifiedChains.in(file)).checkedBefore());
        DeviceIdentity again = DeviceIdentity.of(cert, TrustedRoots.known(), VerifiedChains.in(file));
        assertTrue(again.checkedBefore());
        assertEquals(new ChainVerdict.SelfSigned("ESPICOHSMTR00001"), again.verdict());
    }

    @Test
    void theSerialNumberAloneChecksNoSignature() {
        byte[] forged = chainSignedBy(Key.generate("brainpoolP256r1"));
        assertEquals(Optional.of("DETEST0123456"), DeviceIdentity.serialNumberOf(forged));
        assertEquals(Optional.empty(), DeviceIdentity.serialNumberOf(new byte[] {0x7F, 0x21, 0x05}));
        assertEquals(Optional.empty(), DeviceIdentity.serialNumberOf(new byte[0]));
    }
}

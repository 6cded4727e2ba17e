package org.schsm.hsm.cvc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.schsm.apdu.Hex;

/**
 * The root CV certificates a device chain may end in. The genuine ones are CardContact's roots as
 * OpenSC publishes them in its {@code etc/} directory (DESRCACC100001, DESCHSMCVCA00001, and the
 * test root UTSRCACC100001 from OpenSC 74ec7b04, removed in cf9b8dd6); their bytes ship as
 * resources next to this class; the schsm simulator's root is built in (its key is public by
 * design). Other simulator roots can be added.
 */
public final class TrustedRoots {
    /** OpenSC's file names, which are the roots' holder references. */
    private static final String[] GENUINE = {"DESRCACC100001", "UTSRCACC100001", "DESCHSMCVCA00001"};

    private static volatile TrustedRoots known;

    private final List<Root> roots;

    /** The schsm simulator's root (simulator DeviceCertificates.ROOT): its key is fixed and published. */
    public static final String SIMULATOR_ROOT = "ZZSCHSMSIM00001";
    /** Its public point on brainpoolP256r1, the curve of CardContact's production root. */
    private static final String SIMULATOR_ROOT_POINT = "042A938D215FC89BD339293E9F9DF5989B114EE56C55CD19A411BFFEAD9DC5A5B1"
            + "20C1E337EFDFA6FCD13540FD9B3906454E50F1EA731BEF7C135D1C543BDFB80B";

    /** A trust anchor: its name (CHR), public key with domain parameters, and whether it is CardContact's. */
    public record Root(String name, CvPublicKey publicKey, boolean genuine) {
        public static Root of(CvCertificate certificate, boolean genuine) {
            return new Root(certificate.holderReference(), certificate.publicKey(), genuine);
        }
    }

    private TrustedRoots(List<Root> roots) {
        this.roots = List.copyOf(roots);
    }

    /** Exactly these roots. */
    public static TrustedRoots of(List<Root> roots) {
        return new TrustedRoots(roots);
    }

    /**
     * CardContact's roots, read once from the resources, and the schsm simulator's published root
     * (not genuine: a chain ending there proves only that the device is a simulator).
     */
    public static TrustedRoots known() {
        TrustedRoots loaded = known;
        if (loaded == null) {
            List<Root> list = new ArrayList<>();
            for (String name : GENUINE) {
                list.add(Root.of(CvCertificate.decode(resource(name + ".cvc")), true));
            }
            Map<Integer, byte[]> parts = new LinkedHashMap<>(list.get(0).publicKey().parts());
            parts.put(0x86, Hex.decode(SIMULATOR_ROOT_POINT));
            list.add(new Root(SIMULATOR_ROOT, CvPublicKey.of(CvPublicKey.ID_TA_ECDSA_SHA_256, parts), false));
            loaded = new TrustedRoots(list);
            known = loaded;
        }
        return loaded;
    }

    /** These roots plus a simulator's root certificate. */
    public TrustedRoots withSimulatorRoot(CvCertificate root) {
        List<Root> list = new ArrayList<>(roots);
        list.add(Root.of(root, false));
        return new TrustedRoots(list);
    }

    public Optional<Root> find(String holderReference) {
        return roots.stream().filter(r -> r.name().equals(holderReference)).findFirst();
    }

    public List<Root> roots() {
        return roots;
    }

    /**
     * True when a root's name says it belongs to a simulator: the name part between the
     * 2-letter country and the 5-character sequence number contains {@code SIM}, or it is the
     * schsm simulator's first root name {@code DESCHSMROOT00001}. Such a chain gets the verdict
     * "simulated" even when the root certificate itself is not available.
     */
    public static boolean namesSimulator(String holderReference) {
        if (holderReference.equals("DESCHSMROOT00001")) {
            return true;
        }
        if (holderReference.length() <= 7) {
            return false;
        }
        String mnemonic = holderReference.substring(2, holderReference.length() - 5);
        return mnemonic.toUpperCase(Locale.ROOT).contains("SIM");
    }

    private static byte[] resource(String name) {
        try (InputStream in = TrustedRoots.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("root certificate resource " + name + " is missing from the toolkit jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

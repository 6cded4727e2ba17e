package org.schsm.hsm.cvc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The root CV certificates a device chain may end in. The genuine ones are CardContact's roots as
 * OpenSC publishes them in its {@code etc/} directory (DESRCACC100001, DESCHSMCVCA00001, and the
 * test root UTSRCACC100001 from OpenSC 74ec7b04, removed in cf9b8dd6); their bytes ship as
 * resources next to this class. A simulator root can be added for tests and for a simulator
 * whose root certificate is known.
 */
public final class TrustedRoots {
    /** OpenSC's file names, which are the roots' holder references. */
    private static final String[] GENUINE = {"DESRCACC100001", "UTSRCACC100001", "DESCHSMCVCA00001"};

    private static volatile TrustedRoots genuine;

    private final List<Root> roots;

    /** A trust anchor and whether it is one of CardContact's. */
    public record Root(CvCertificate certificate, boolean genuine) {
        public String name() {
            return certificate.holderReference();
        }
    }

    private TrustedRoots(List<Root> roots) {
        this.roots = List.copyOf(roots);
    }

    /** Exactly these roots. */
    public static TrustedRoots of(List<Root> roots) {
        return new TrustedRoots(roots);
    }

    /** CardContact's roots, read once from the resources. */
    public static TrustedRoots genuine() {
        TrustedRoots loaded = genuine;
        if (loaded == null) {
            List<Root> list = new ArrayList<>();
            for (String name : GENUINE) {
                list.add(new Root(CvCertificate.decode(resource(name + ".cvc")), true));
            }
            loaded = new TrustedRoots(list);
            genuine = loaded;
        }
        return loaded;
    }

    /** These roots plus a simulator's root certificate. */
    public TrustedRoots withSimulatorRoot(CvCertificate root) {
        List<Root> list = new ArrayList<>(roots);
        list.add(new Root(root, false));
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

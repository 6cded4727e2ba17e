package org.schsm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.schsm.InvalidInputException;
import org.schsm.transport.PcscProvider;
import picocli.CommandLine;

/**
 * {@code schsm --version}: what a bug report needs. The versions of schsm and of the libraries it
 * bundles come from {@code versions.properties}, which Maven fills in from the POM at build time
 * (one place for each version; no class of those libraries is loaded just to ask).
 */
final class VersionProvider implements CommandLine.IVersionProvider {
    static final String RESOURCE = "versions.properties";

    @Override
    public String[] getVersion() {
        Properties v = versions();
        return new String[] {
            "schsm " + v.getProperty("schsm", "(development build)"),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                    + System.getProperty("java.vm.name") + ")",
            "PC/SC provider " + pcscProvider(v),
            "jCardSim " + v.getProperty("jcardsim", "(unknown)") + " (embedded simulated card)",
        };
    }

    /** The provider {@code schsm} uses for PC/SC readers, as {@code SCHSM_PCSC_PROVIDER} chooses it. */
    static String pcscProvider(Properties v) {
        PcscProvider provider;
        try {
            provider = PcscProvider.configured();
        } catch (InvalidInputException e) {
            return "(invalid: " + e.getMessage() + ")";
        }
        return switch (provider) {
            case JNA -> "jnasmartcardio " + v.getProperty("jnasmartcardio", "?") + " on JNA " + v.getProperty("jna", "?")
                    + " (SCHSM_PCSC_PROVIDER=sun: the JDK's SunPCSC)";
            case SUN -> "SunPCSC (the JDK's javax.smartcardio provider; SCHSM_PCSC_PROVIDER=sun)";
        };
    }

    static Properties versions() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}

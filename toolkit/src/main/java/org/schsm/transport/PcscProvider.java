package org.schsm.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import javax.smartcardio.TerminalFactory;

/**
 * Which javax.smartcardio implementation talks to PC/SC.
 *
 * <p><b>Response chaining differs between them.</b> The JDK provider answers 61xx with GET
 * RESPONSE and 6Cxx with a resend by itself unless the system properties
 * {@code sun.security.smartcardio.t0GetResponse} and {@code t1GetResponse} are false; {@link #SUN}
 * sets both to false (unless the user already set them) so that {@link GetResponseTransport} is
 * the one place doing it and a trace shows the real exchange.
 *
 * <p>jnasmartcardio 0.2.7 ({@link #JNA}) always does it inside {@code CardChannel.transmit} and
 * offers no switch: up to 8 rounds, GET RESPONSE sent with the original CLA, and on 6Cxx it
 * overwrites the <em>last byte of the command</em> with SW2 (right for a case 2/4 command, but for
 * a case 3 command it replaces the last data byte instead of adding Le). With {@link #JNA} the
 * decorator and tracer therefore only see completed responses; use {@link #SUN} to see the wire.
 */
public enum PcscProvider {
    /** jnasmartcardio through JNA: works where the JDK provider cannot find libpcsclite. */
    JNA,
    /** The JDK's own SunPCSC provider. */
    SUN;

    static final String LIBRARY_PROPERTY = "sun.security.smartcardio.library";
    static final List<String> LINUX_LIBRARIES = List.of(
            "/usr/lib/x86_64-linux-gnu/libpcsclite.so.1",
            "/lib/x86_64-linux-gnu/libpcsclite.so.1",
            "/usr/lib64/libpcsclite.so.1",
            "/usr/lib/aarch64-linux-gnu/libpcsclite.so.1");

    /** A terminal factory for this provider; fails with {@link PcscUnavailableException}. */
    public TerminalFactory terminalFactory() {
        try {
            if (this == JNA) {
                return TerminalFactory.getInstance("PC/SC", null, new jnasmartcardio.Smartcardio());
            }
            prepareSunProvider();
            return TerminalFactory.getInstance("PC/SC", null);
        } catch (NoSuchAlgorithmException | LinkageError e) {
            throw new PcscUnavailableException("the " + name() + " PC/SC provider cannot be used: " + e, e);
        }
    }

    /**
     * Must run before SunPCSC loads its classes: both the library path and the GET RESPONSE
     * switches are read once, in static initialisers.
     */
    static void prepareSunProvider() {
        System.getProperties().putIfAbsent("sun.security.smartcardio.t0GetResponse", "false");
        System.getProperties().putIfAbsent("sun.security.smartcardio.t1GetResponse", "false");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        // macOS finds its PCSC framework unaided; Linux distributions put libpcsclite where the JDK does not look.
        if (os.contains("linux") && System.getProperty(LIBRARY_PROPERTY) == null) {
            LINUX_LIBRARIES.stream().filter(p -> Files.exists(Path.of(p))).findFirst()
                    .ifPresent(p -> System.setProperty(LIBRARY_PROPERTY, p));
        }
    }
}

package org.schsm.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.schsm.InvalidInputException;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;

/**
 * Which javax.smartcardio implementation talks to PC/SC. {@link PcscTransport} sends exact bytes
 * with either; what each provider's public {@code transmit} would add is described in
 * {@link JnaWire} and {@link SunWire}.
 *
 * <p><b>Response chaining.</b> The JDK provider answers 61xx with GET RESPONSE and 6Cxx with a
 * resend by itself unless the system properties {@code sun.security.smartcardio.t0GetResponse}
 * and {@code t1GetResponse} are false; {@link #SUN} sets both to false (unless the user already
 * set them) so that {@link GetResponseTransport} is the one place doing it and a trace shows the
 * real exchange. jnasmartcardio 0.2.7 ({@link #JNA}) always does it inside
 * {@code CardChannel.transmit} and offers no switch (at most 8 exchanges; GET RESPONSE in the
 * original class; on 6Cxx it overwrites the last byte of the command, wrong for case 1 and 3
 * commands; a case 1 command answered 61xx makes it index past the command), which is why the
 * transport goes beneath it.
 *
 * <p><b>Exact bytes.</b> {@link #JNA} sends every command unchanged, malformed ones included.
 * {@link #SUN} rewrites interindustry class bytes and refuses commands shorter than 4 bytes, so
 * the transport refuses those commands with it ({@link UnsendableCommandException}).
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
            "/usr/lib/aarch64-linux-gnu/libpcsclite.so.1",
            "/lib/aarch64-linux-gnu/libpcsclite.so.1",
            "/usr/lib/libpcsclite.so.1");

    /** The environment variable that chooses the provider for every card a program opens. */
    public static final String ENVIRONMENT_VARIABLE = "SCHSM_PCSC_PROVIDER";

    /**
     * The provider {@code SCHSM_PCSC_PROVIDER} chooses: jnasmartcardio by default, which sends every
     * command byte for byte; {@code sun} (or {@code jdk}) the JDK's provider, which starts about
     * 100 ms faster (no JNA native library to unpack) but refuses commands whose class byte it would
     * rewrite (docs/performance.md). Every way of opening a reader asks here.
     *
     * @throws InvalidInputException for any other value
     */
    public static PcscProvider configured() {
        return fromEnvironment(System.getenv());
    }

    /** As {@link #configured()}, from the given environment. */
    public static PcscProvider fromEnvironment(Map<String, String> environment) {
        String v = environment.get(ENVIRONMENT_VARIABLE);
        if (v == null || v.isBlank() || v.equalsIgnoreCase("jna")) {
            return JNA;
        }
        if (v.equalsIgnoreCase("sun") || v.equalsIgnoreCase("jdk")) {
            return SUN;
        }
        throw new InvalidInputException(ENVIRONMENT_VARIABLE + " must be jna or sun, not '" + v + "'");
    }

    /**
     * Opens a PC/SC context through this provider and returns its readers; fails with
     * {@link PcscUnavailableException}. When jnasmartcardio cannot link (no JNA native support for
     * this platform), {@link #JNA} falls back to the JDK's provider.
     *
     * <p>{@link #JNA} goes to jnasmartcardio's factory directly rather than through
     * {@code TerminalFactory.getInstance}: the first use of the {@code TerminalFactory} class runs
     * its static initialiser, which builds the JDK's default factory by instantiating every
     * registered security provider up to SunPCSC and loading SunPCSC's native library: 79 classes
     * of every start-up (class-loading log, docs/performance.md) spent on a provider JNA users never
     * touch.
     */
    public CardTerminals terminals() {
        if (this == JNA) {
            try {
                return WinscardBinding.LOADED.get().engineTerminals();
            } catch (LinkageError e) {
                // JNA could not load its native part or libpcsclite; the JDK's provider links differently
                // and may still work. Callers lose nothing: GetResponseTransport completes 61xx/6Cxx either way.
                return SUN.terminals();
            } catch (Error e) {
                // JNA reports a libjnidispatch of another JNA version as a plain java.lang.Error;
                // TerminalFactory used to wrap it, so keep giving the one-line PC/SC error.
                if (e.getClass() != Error.class) {
                    throw e;
                }
                throw new PcscUnavailableException("the JNA PC/SC provider cannot be used: " + e.getMessage(), e);
            }
        }
        try {
            prepareSunProvider();
            return TerminalFactory.getInstance("PC/SC", null).terminals();
        } catch (NoSuchAlgorithmException | LinkageError e) {
            throw new PcscUnavailableException("the SUN PC/SC provider cannot be used: " + e, e);
        }
    }

    /**
     * Starts loading what {@link #terminals()} needs on a daemon thread and returns at once, so
     * that a program that knows early it will use PC/SC (the CLI, from its {@code -r}) has it done
     * while it does other work. With {@link #JNA} that is jnasmartcardio's winscard binding: JNA's
     * native part, {@code java.util.logging} (JNA's logger; its start asks every jar of the class
     * path for a {@code System.LoggerFinder}, 10-20 ms), libpcsclite and the binding's proxy class,
     * together 30-50 ms of a start (docs/performance.md). No PC/SC context is made: pcsc-lite wants
     * each thread to use its own. Without effect on results: a failure is kept and thrown by
     * {@link #terminals()} as it would have been.
     */
    public void preload() {
        if (this == JNA) {
            WinscardBinding.LOADED.preload();
        }
    }

    /**
     * jnasmartcardio's factory, made once per process; each {@code engineTerminals()} is a new
     * context. Making it loads the winscard binding ({@code Winscard.openLib}: the library, a proxy,
     * three structures), which a factory per context (as before) did again for every context; one
     * factory for many contexts is how jnasmartcardio's own {@code TerminalFactory} is used. A
     * holder class, so that a program using the JDK provider never touches it.
     */
    private static final class WinscardBinding implements Callable<jnasmartcardio.Smartcardio.JnaTerminalFactorySpi> {
        static final Preloaded<jnasmartcardio.Smartcardio.JnaTerminalFactorySpi> LOADED =
                new Preloaded<>("pcsc preload", new WinscardBinding());

        /** A class rather than a lambda: the CLI starts this first thing in main, see {@link Readers#prepare}. */
        @Override
        public jnasmartcardio.Smartcardio.JnaTerminalFactorySpi call() {
            return new jnasmartcardio.Smartcardio.JnaTerminalFactorySpi((Object) null);
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

package org.schsm.simulator;

import com.licel.jcardsim.base.SimulatorRuntime;
import com.licel.jcardsim.smartcardio.CardSimulator;
import com.licel.jcardsim.utils.AIDUtil;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import javacard.framework.AID;
import org.schsm.apdu.ApduFormatException;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.Hex;
import org.schsm.hsm.SmartCardHsm;
import org.schsm.simulator.applet.SmartCardHsmApplet;
import org.schsm.simulator.applet.TrySpentListener;
import org.schsm.simulator.cvc.DeviceCertificates;
import org.schsm.simulator.cvc.HolderReference;
import org.schsm.transport.TransportException;

/**
 * One simulated SmartCard-HSM: a jCardSim card with the {@link SmartCardHsmApplet} installed,
 * never selected on its own. The host talks to it as a reader would: SELECT first, then
 * commands. Its persistent state can be saved to and loaded from a file; power can be cycled and
 * the card removed and reinserted.
 *
 * <p>Thread-safe: every method is synchronized, one APDU at a time.
 */
public final class SimulatedCard {
    /** The SmartCard-HSM application identifier. */
    /** The SmartCard-HSM answer-to-reset OpenSC recognises. */
    public static final String ATR_HEX = "3BFE1800008131FE458031815448534D31738021408107FA";

    private static final byte[] ATR = hex(ATR_HEX);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Object INSTALL_LOCK = new Object();
    private static final byte[] WRONG_LENGTH = {0x67, 0x00};
    private static final byte[] FILE_NOT_FOUND = {0x6A, (byte) 0x82};
    private static final int JCARDSIM_SELECT_FAILED = 0x6999;
    private static final int MAX_EXTENDED_NC = 32767;
    private static final int SHORT_BUFFER = 260;
    private static final int MAX_AID_LENGTH_JCARDSIM = 127;
    private static final int CERTIFICATE_CHUNK = 200;

    private final CardSimulator simulator;
    private final SmartCardHsmApplet applet;
    private boolean present = true;
    private boolean tearArmed;
    /** What this card last read from or wrote to a state file, so an unchanged state is not rewritten. */
    private Path lastFile;
    private Map<String, byte[]> lastSections;

    static {
        requireStrongRandomness();
    }

    /**
     * jCardSim draws the randomness of RandomData, key generation and signing from generators it
     * seeds with constants unless told otherwise: every card would make the same keys and
     * challenges, and ECDSA nonces would repeat. RandomData is switched to the platform's
     * SecureRandom by jCardSim's own property; key generation and signing by schsm's replacement
     * of {@code com.licel.jcardsim.crypto.SecureRandomNullProvider}, which must be the one loaded.
     */
    private static void requireStrongRandomness() {
        System.setProperty("com.licel.jcardsim.randomdata.secure", "1");
        try {
            com.licel.jcardsim.crypto.SecureRandomNullProvider.class.getField("SCHSM_REPLACEMENT");
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("jCardSim's deterministic random generator was loaded instead of "
                    + "schsm's: put the schsm-simulator jar before the jcardsim jar on the class path", e);
        }
    }

    private SimulatedCard() {
        SimulatorRuntime runtime = new SimulatorRuntime();
        simulator = new CardSimulator(runtime);
        simulator.changeProtocol("T=1");  // what the SC-HSM ATR announces
        AID aid = AIDUtil.create(Hex.decode(SmartCardHsm.AID_HEX));
        installQuietly(simulator, aid);
        applet = (SmartCardHsmApplet) runtime.lookupApplet(aid).getApplet();
    }

    /**
     * Installs the applet. jCardSim 3.0.6's {@code Signature.getInstance} prints two lines per
     * signature object to standard output ("getInstance of assymetric algo: ..."), which would
     * end up in the output of every command that uses the simulator (JSON included); the applet
     * creates all its signature objects while it is installed, so exactly those lines are dropped
     * then. Everything else printed meanwhile, by any thread, goes through.
     */
    private static void installQuietly(CardSimulator simulator, AID aid) {
        synchronized (INSTALL_LOCK) {
            PrintStream out = System.out;
            System.setOut(new JcardsimChatterFilter(out));
            try {
                simulator.installApplet(aid, SmartCardHsmApplet.class);
            } finally {
                System.setOut(out);
            }
        }
    }

    /** Drops jCardSim's "getInstance of assymetric algo" lines, forwards the rest. */
    private static final class JcardsimChatterFilter extends PrintStream {
        JcardsimChatterFilter(PrintStream target) {
            super(target, true);
        }

        @Override
        public void println(String line) {
            if (line == null || !line.startsWith("getInstance of assymetric algo")) {
                super.println(line);
            }
        }
    }

    /**
     * A factory-fresh card as a real one leaves the factory: never initialized, with its own
     * device authentication key {@code CC00} and EF.C_DevAut (2F02) holding the device
     * certificate (a serial unique to this card in its CHR) and the simulator DICA's certificate.
     */
    public static SimulatedCard create() {
        return create(DeviceCertificates.generate(HolderReference.randomSimulatedDevice(RANDOM)));
    }

    /** A factory-fresh card with the device key and certificates of {@code identity}. */
    public static SimulatedCard create(DeviceCertificates identity) {
        Objects.requireNonNull(identity, "identity");
        SimulatedCard card = new SimulatedCard();
        card.personaliseDeviceKey(identity.deviceKeyTemplate());
        card.personalise(identity.efCDevAut());
        return card;
    }

    /** A factory-fresh card without device key or EF.C_DevAut (as no real card is). */
    public static SimulatedCard createBlank() {
        return new SimulatedCard();
    }

    /**
     * A factory-fresh card whose EF.C_DevAut (2F02) holds {@code deviceCertificate} (device CVC
     * followed by the issuer CVC), written with the simulator's personalisation command before
     * the first initialization, and that has no device key (so it cannot generate keys). The
     * card is power-cycled afterwards, so nothing is selected.
     */
    public static SimulatedCard create(byte[] deviceCertificate) {
        Objects.requireNonNull(deviceCertificate, "deviceCertificate");
        SimulatedCard card = new SimulatedCard();
        card.personalise(deviceCertificate);
        return card;
    }

    /**
     * A card with the state saved by {@link #save}; freshly powered, nothing selected. A state
     * file of layout 1 (written before keys existed) is migrated ({@link StateMigration}) and
     * written back in the current layout at the next {@link #save}.
     */
    public static SimulatedCard load(Path stateFile) throws IOException {
        StateFile.Content content = StateFile.decode(Files.readAllBytes(stateFile));
        Map<String, byte[]> sections = content.sections();
        boolean migrated = false;
        if (content.layoutVersion() == StateMigration.LAYOUT_BEFORE_KEYS) {
            sections = StateMigration.fromLayout1(sections, create());
            migrated = true;
        } else if (content.layoutVersion() != SmartCardHsmApplet.STATE_LAYOUT_VERSION) {
            throw new StateFileException("state file " + stateFile + " has applet layout version "
                    + content.layoutVersion() + ", this simulator reads " + StateMigration.LAYOUT_BEFORE_KEYS
                    + " and " + SmartCardHsmApplet.STATE_LAYOUT_VERSION);
        }
        SimulatedCard card = new SimulatedCard();
        AppletState.restore(card.applet, sections);
        card.remember(stateFile, migrated ? Map.of() : sections);
        return card;
    }

    /** Copies of the persistent sections, as {@link #save} would write them. */
    synchronized Map<String, byte[]> sections() {
        return AppletState.snapshot(applet);
    }

    /** {@link #load} when {@code stateFile} exists, otherwise {@link #create()}. */
    public static SimulatedCard loadOrCreate(Path stateFile) throws IOException {
        return Files.exists(stateFile) ? load(stateFile) : create();
    }

    /**
     * Writes the persistent state (PINs, counters, options, DKEK, files; not the session) to
     * {@code stateFile}, atomically replacing any previous version. When the state is byte for
     * byte what this card last read from or wrote to that same file, and the file is still there,
     * nothing is written, nor copied: hosts save after every APDU, most APDUs (SELECT, status
     * queries) change nothing, and each write is an fsync.
     */
    public synchronized void save(Path stateFile) throws IOException {
        if (stateFile.equals(lastFile) && AppletState.matches(applet, lastSections) && Files.exists(stateFile)) {
            return;
        }
        Map<String, byte[]> sections = AppletState.snapshot(applet);
        StateFile.writeAtomically(stateFile, StateFile.encode(SmartCardHsmApplet.STATE_LAYOUT_VERSION, sections));
        remember(stateFile, sections);
    }

    /** False when the state is byte for byte what this card last read from or wrote to {@code stateFile}. */
    synchronized boolean differsFrom(Path stateFile) {
        return !(stateFile.equals(lastFile) && AppletState.matches(applet, lastSections));
    }

    private void remember(Path stateFile, Map<String, byte[]> sections) {
        lastFile = stateFile;
        lastSections = sections;
    }

    /**
     * Sends one command APDU and returns data and status word. A malformed APDU (fewer than four
     * bytes, Lc/Le not matching the length) is answered 6700, as a card would.
     *
     * @throws TransportException when the card has been {@link #remove() removed}
     */
    public synchronized byte[] transmit(byte[] command) {
        Objects.requireNonNull(command, "command");
        if (!present) {
            throw new TransportException("card removed: the simulated SmartCard-HSM is not in the reader");
        }
        CommandApdu parsed;
        try {
            parsed = CommandApdu.decode(command);
        } catch (ApduFormatException e) {
            return WRONG_LENGTH.clone();
        }
        if (parsed.nc() > MAX_EXTENDED_NC) {
            return WRONG_LENGTH.clone();
        }
        if (isRuntimeSelection(parsed) && parsed.nc() > MAX_AID_LENGTH_JCARDSIM) {
            // jCardSim reads Lc of a SELECT by name as a signed byte and fails on 80..FF; no
            // application has such a name, so answer as the applet and a card manager would.
            return FILE_NOT_FOUND.clone();
        }
        byte[] response = simulator.transmitCommand(fitShortBuffer(command, parsed));
        if (tearArmed && PowerLoss.tripped(applet)) {
            tearArmed = false;
            simulator.reset();
            PowerLoss.powerUp(applet);
            throw new TransportException("card lost power: simulated power loss during the command");
        }
        if (statusWord(response) == JCARDSIM_SELECT_FAILED && parsed.ins() == 0xA4) {
            // jCardSim's own answer for "no applet with this AID"; a card manager says 6A82.
            return FILE_NOT_FOUND.clone();
        }
        return response;
    }

    /** The commands jCardSim itself treats as applet selection (SELECT by DF name, short). */
    private static boolean isRuntimeSelection(CommandApdu apdu) {
        return (apdu.cla() & 0xFC) == 0 && apdu.ins() == 0xA4 && apdu.p1() == 0x04
                && (apdu.p2() & 0xE3) == 0 && !apdu.isExtended();
    }

    /**
     * jCardSim's short APDU buffer holds 260 bytes, one less than a short case-4 command with
     * 255 data bytes and Le. Such a command goes in without its Le byte; the applet then answers
     * as for Le 00 (as many bytes as a short response carries), which is what Le 00 asks for.
     */
    private static byte[] fitShortBuffer(byte[] command, CommandApdu parsed) {
        if (!parsed.isExtended() && command.length > SHORT_BUFFER) {
            return Arrays.copyOf(command, SHORT_BUFFER);
        }
        return command;
    }

    /**
     * Test hook for tearing: power is cut after the {@code k}-th persistent write the applet makes
     * from now on (counted by its {@code Nvm}; {@code k = 0} cuts before the first write). The
     * command during which that happens throws {@link TransportException} ("card lost power");
     * the card is then powered up again (an interrupted multi-field update rolled back, nothing
     * selected), as after a real power loss. If the command makes exactly {@code k} writes, its
     * answer is lost the same way. One-shot: the hook is disarmed once it fires.
     */
    public synchronized void tearAfterWrites(int k) {
        PowerLoss.arm(applet, k);
        tearArmed = true;
    }

    /**
     * Runs {@code listener} (null: nothing) inside the command, right after the applet lowered a
     * retry counter and before it compares the secret; an {@code ISOException} thrown there ends
     * the command with its status word before the comparison. {@link PersistentCard} uses it to
     * put the spent try on disk first.
     */
    synchronized void onTrySpent(TrySpentListener listener) {
        PowerLoss.onTrySpent(applet, listener);
    }

    /** The answer-to-reset: the SmartCard-HSM ATR. */
    public byte[] atr() {
        return ATR.clone();
    }

    /**
     * Power off and on: session state (PIN verification, current EF) is lost and the applet is
     * deselected; persistent state stays.
     */
    public synchronized void powerCycle() {
        simulator.reset();
    }

    /** Takes the card out of the reader; it loses power, and transmit fails until {@link #insert}. */
    public synchronized void remove() {
        present = false;
        simulator.reset();
    }

    /** Puts the card back: powered up with a fresh session, nothing selected. */
    public synchronized void insert() {
        if (!present) {
            simulator.reset();
            present = true;
        }
    }

    public synchronized boolean isPresent() {
        return present;
    }

    private void personaliseDeviceKey(byte[] template) {
        transmitOrFail("00A40400" + "0B" + SmartCardHsm.AID_HEX);
        String lc = String.format("00%04X", template.length);
        byte[] apdu = hex("80DACC00" + lc + Hex.encode(template));
        Arrays.fill(template, (byte) 0);
        byte[] response = transmit(apdu);
        Arrays.fill(apdu, (byte) 0);
        if (statusWord(response) != 0x9000) {
            throw new IllegalStateException("personalisation of the device key answered "
                    + Integer.toHexString(statusWord(response)).toUpperCase());
        }
    }

    private void personalise(byte[] certificate) {
        transmitOrFail("00A40400" + "0B" + SmartCardHsm.AID_HEX);
        int offset = 0;
        do {
            int n = Math.min(CERTIFICATE_CHUNK, certificate.length - offset);
            StringBuilder apdu = new StringBuilder("80DA2F02");
            int lc = 4 + 2 + (n >= 128 ? 1 : 0) + n;
            apdu.append(String.format("%02X54%02X%04X53", lc, 2, offset));
            apdu.append(n >= 128 ? String.format("81%02X", n) : String.format("%02X", n));
            apdu.append(Hex.encode(certificate, offset, n));
            transmitOrFail(apdu.toString());
            offset += n;
        } while (offset < certificate.length);
        powerCycle();
    }

    private void transmitOrFail(String hexApdu) {
        byte[] response = transmit(hex(hexApdu));
        if (statusWord(response) != 0x9000) {
            throw new IllegalStateException("personalisation command " + hexApdu.substring(0, 8)
                    + " answered " + Integer.toHexString(statusWord(response)).toUpperCase());
        }
    }

    private static int statusWord(byte[] response) {
        int n = response.length;
        return n < 2 ? -1 : ((response[n - 2] & 0xFF) << 8) | (response[n - 1] & 0xFF);
    }

    private static byte[] hex(String text) {
        return Hex.decode(text);
    }
}

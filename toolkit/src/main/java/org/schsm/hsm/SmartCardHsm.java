package org.schsm.hsm;

import static org.schsm.apdu.Instruction.CHANGE_REFERENCE_DATA;
import static org.schsm.apdu.Instruction.IMPORT_DKEK_SHARE;
import static org.schsm.apdu.Instruction.INITIALIZE_DEVICE;
import static org.schsm.apdu.Instruction.RESET_RETRY_COUNTER;
import static org.schsm.apdu.Instruction.SELECT;
import static org.schsm.apdu.Instruction.VERIFY;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.schsm.InvalidInputException;
import org.schsm.Secret;
import org.schsm.apdu.CommandApdu;
import org.schsm.apdu.Instruction;
import org.schsm.apdu.Hex;
import org.schsm.apdu.ResponseApdu;
import org.schsm.apdu.StatusWordException;
import org.schsm.hsm.cvc.AuthenticatedRequest;
import org.schsm.hsm.cvc.CvPublicKey;
import org.schsm.hsm.cvc.CvcFormatException;
import org.schsm.hsm.cvc.DeviceIdentity;
import org.schsm.hsm.cvc.TrustedRoots;
import org.schsm.hsm.cvc.VerifiedChains;
import org.schsm.hsm.dkek.DkekShare;
import org.schsm.hsm.pkcs15.KeyType;
import org.schsm.hsm.pkcs15.PrivateKeyDescription;
import org.schsm.transport.CardTransport;

/**
 * The SmartCard-HSM over any {@link CardTransport}: SELECT, status, PIN management and
 * initialization, with the APDUs OpenSC sends (reference §1-6). One class for the CLI, the
 * Groovy shell and scripts.
 *
 * <p>The application must be selected before the other commands, as OpenSC's driver does when it
 * binds to a card: {@link #connect} selects, and so do {@link #select()} and {@link #status()}. A
 * SELECT also logs out. A PIN command answered 6986 raises {@link NotSelectedException}. Commands that present a PIN or erase keys first pass the
 * {@link BrickGuard}, which reads the counters with VERIFY-without-data (spends nothing);
 * {@link #withForce()} gives a view on the same card without that guard.
 *
 * <p>PIN bytes are copied into one APDU buffer per command, which is overwritten after sending;
 * the {@link PinValue} objects belong to the caller, who clears them.
 */
public final class SmartCardHsm {
    /** The SmartCard-HSM application identifier (reference §1.1); the host side's only copy. */
    public static final String AID_HEX = "E8 2B 06 01 04 01 81 C3 1F 02 01";

    private static final byte[] AID = Hex.decode(AID_HEX);
    private static final int CLA_ISO = 0x00;
    private static final int CLA_PROPRIETARY = 0x80;
    private static final int SW_INS_NOT_SUPPORTED = 0x6D00;
    private static final int SW_REFERENCE_NOT_FOUND = 0x6A88;

    /** IMPORT DKEK SHARE without data, {@code 80 52 00 00 00}: the DKEK status query (reference §6). */
    private static final CommandApdu DKEK_STATUS_QUERY =
            new CommandApdu(CLA_PROPRIETARY, IMPORT_DKEK_SHARE.code(), 0x00, 0x00, 256);

    private final CardTransport transport;
    private final boolean force;

    /** A guarded facade: the brick guard refuses risky commands. */
    public SmartCardHsm(CardTransport transport) {
        this(transport, false);
    }

    private SmartCardHsm(CardTransport transport, boolean force) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.force = force;
    }

    /**
     * The SmartCard-HSM on {@code transport}, its application selected: what to call when
     * connecting, so that the first command (a VERIFY, say) reaches the application.
     *
     * @throws org.schsm.apdu.StatusWordException when the card refuses the SELECT (not a SmartCard-HSM)
     */
    public static SmartCardHsm connect(CardTransport transport) {
        SmartCardHsm hsm = new SmartCardHsm(transport);
        hsm.select();
        return hsm;
    }

    /** The same card without the brick guard: what {@code --force} means. */
    public SmartCardHsm withForce() {
        return new SmartCardHsm(transport, true);
    }

    /** The same card with the brick guard. */
    public SmartCardHsm withGuard() {
        return new SmartCardHsm(transport, false);
    }

    public boolean isForced() {
        return force;
    }

    public CardTransport transport() {
        return transport;
    }

    /** SELECT by AID with Le 00, as OpenSC sends it: {@code 00 A4 04 00 0B <AID> 00}. */
    public AppletInfo select() {
        CommandApdu select = new CommandApdu(CLA_ISO, SELECT.code(), 0x04, 0x00, AID, 256);
        ResponseApdu response = transport.transmit(select);
        if (!response.isOk()) {
            throw new StatusWordException("SELECT of the SmartCard-HSM applet", select, response.statusWord());
        }
        return AppletInfo.fromFcp(response.data());
    }

    /** Logs out by selecting the applet again, as OpenSC does (reference §1.3). */
    public void logout() {
        select();
    }

    /**
     * Everything sc-hsm-tool shows, spending no try: SELECT, {@code 00 20 00 88},
     * {@code 00 20 00 81}, {@code 80 52 00 00 00}.
     */
    public DeviceStatus status() {
        AppletInfo applet = select();
        PinStatus so = pinStatus(PinReference.SO);
        PinStatus user = pinStatus(PinReference.USER);
        OptionalRead<DkekStatus> dkek = readDkekStatus();
        return new DeviceStatus(applet, so, user, dkek, Hex.spaced(transport.atr()));
    }

    /** VERIFY without data ({@code 00 20 00 <ref>}, case 1): the state of one PIN, spending nothing. */
    public PinStatus pinStatus(PinReference reference) {
        ResponseApdu response = transport.transmit(new CommandApdu(CLA_ISO, VERIFY.code(), 0x00, reference.p2()));
        return PinStatus.fromStatusWord(reference, response.statusWord());
    }

    /**
     * IMPORT DKEK SHARE without data ({@code 80 52 00 00 00}). Empty when the card answers 6D00 or
     * 6A88 (no DKEK configured, or not supported), which sc-hsm-tool also treats as "nothing to show".
     */
    public Optional<DkekStatus> dkekStatus() {
        OptionalRead<DkekStatus> read = readDkekStatus();
        if (read.isAvailable()) {
            return read.asOptional();
        }
        int sw = read.refusedWith().map(s -> s.value()).orElse(0x9000);
        if (sw == SW_INS_NOT_SUPPORTED || sw == SW_REFERENCE_NOT_FOUND) {
            return Optional.empty();
        }
        if (read.refusal() == null) {
            throw new MalformedResponseException("IMPORT DKEK SHARE (status query): " + read.problem());
        }
        throw new StatusWordException("IMPORT DKEK SHARE (status query)", DKEK_STATUS_QUERY, read.refusal());
    }

    /**
     * The same query as an optional read, for views such as {@link #status()}: any refusal, and
     * an answer too short to decode, come back as "not available" with the reason instead of an
     * exception. The query is proprietary and cards differ in how they decline it (6D00, 6B00,
     * 6A88), so no status word here means the card is broken.
     */
    public OptionalRead<DkekStatus> readDkekStatus() {
        ResponseApdu response = transport.transmit(DKEK_STATUS_QUERY);
        if (!response.isOk()) {
            return OptionalRead.refused(response.statusWord());
        }
        try {
            return OptionalRead.of(DkekStatus.decode(response.data()));
        } catch (MalformedResponseException e) {
            return OptionalRead.unreadable(e.getMessage());
        }
    }

    /**
     * VERIFY with data ({@code 00 20 00 <ref> Lc <pin>}). For the SO-PIN this is defined on the
     * card but never sent by OpenSC (reference §3.3); a wrong SO-PIN costs one of its 15 tries.
     *
     * @throws WrongPinException    63Cx
     * @throws PinBlockedException  6983
     * @throws TransportPinException 6984
     * @throws BrickGuardException  one try left or already blocked, unless forced
     */
    public void verify(PinValue pin) {
        held(() -> {
            PinReference ref = pin.reference();
            String operation = "VERIFY " + ref.label();
            if (!force) {
                BrickGuard.checkPinAttempt(operation, pinStatus(ref));
                BrickGuard.checkOrigin(operation, pin);
            }
            try (SecretCommand command = SecretCommand.of(CLA_ISO, VERIFY.code(), 0x00, ref.p2(), pin)) {
                ResponseApdu answer = command.transmit(transport);
                PinOrigins.report(pin, answer.statusWord());
                Refusals.checkPinCommand(answer, operation, command.shown(), ref);
            }
        });
    }

    /**
     * CHANGE REFERENCE DATA ({@code 00 24 00 <ref> Lc <old><new>}): changes the user PIN (and
     * ends transport-PIN mode) or the SO-PIN (8 + 8 bytes).
     */
    public void changeReferenceData(PinValue oldValue, PinValue newValue) {
        held(() -> {
            PinReference ref = oldValue.reference();
            if (newValue.reference() != ref) {
                throw new InvalidInputException("old value is a " + ref.label() + " but new value is a "
                        + newValue.reference().label() + "; CHANGE REFERENCE DATA replaces one PIN by a value of the same kind");
            }
            String operation = "CHANGE REFERENCE DATA " + ref.label();
            if (!force) {
                BrickGuard.checkPinAttempt(operation, pinStatus(ref));
                BrickGuard.checkOrigin(operation, oldValue);
            }
            try (SecretCommand command = SecretCommand.of(CLA_ISO, CHANGE_REFERENCE_DATA.code(), 0x00, ref.p2(),
                    oldValue, newValue)) {
                ResponseApdu answer = command.transmit(transport);
                PinOrigins.report(oldValue, answer.statusWord());   // the old value is the one checked
                Refusals.checkPinCommand(answer, operation, command.shown(), ref);
            }
        });
    }

    /**
     * RESET RETRY COUNTER of the user PIN with the SO-PIN (reference §5): with a new PIN
     * {@code 00 2C 00 81 Lc <so><new>} (what OpenSC sends for C_InitPIN); without one
     * {@code 00 2C 01 81 08 <so>}, which resets only the counter (its support on the real card
     * is open question 4 of the reference). Works only if option 0001 was set at
     * initialization; otherwise the card answers 6986.
     *
     * @param newPin the new user PIN, or null to keep the current one
     */
    public void resetRetryCounter(SoPin soPin, Pin newPin) {
        held(() -> {
            String operation = "RESET RETRY COUNTER user PIN";
            if (!force) {
                BrickGuard.checkResetRetryCounter(pinStatus(PinReference.SO));
                BrickGuard.checkOrigin(operation, soPin);
            }
            int p2 = PinReference.USER.p2();
            try (SecretCommand command = newPin == null
                    ? SecretCommand.of(CLA_ISO, RESET_RETRY_COUNTER.code(), 0x01, p2, soPin)
                    : SecretCommand.of(CLA_ISO, RESET_RETRY_COUNTER.code(), 0x00, p2, soPin, newPin)) {
                // The only PIN checked by this command is the SO-PIN, so 63Cx and 6983 are about it.
                ResponseApdu answer = command.transmit(transport);
                PinOrigins.report(soPin, answer.statusWord());
                Refusals.check(answer, operation, command.shown(), PinReference.SO);
            }
        });
    }

    /**
     * INITIALIZE DEVICE ({@code 80 50 00 00 Lc <TLVs>}). On a device that is already initialized
     * this erases every key, certificate and file and checks the SO-PIN; the brick guard refuses
     * that unless forced.
     */
    public void initialize(InitializeOptions options) {
        held(() -> {
            if (!force) {
                // re-initialization is refused unforced anyway, so no origin check is needed here
                BrickGuard.checkInitialize(pinStatus(PinReference.SO));
            }
            try (SecretCommand command = SecretCommand.takingData(CLA_PROPRIETARY, INITIALIZE_DEVICE.code(), 0x00, 0x00,
                    options.encodeData())) {
                ResponseApdu answer = command.transmit(transport);
                PinOrigins.reportInitialize(options.soPin(), answer.statusWord());
                Refusals.checkInitialize(answer, "INITIALIZE DEVICE", command.shown());
            }
        });
    }

    // ---- The natural calls of the shell and scripts: PINs as text or characters ----------------
    // hsm.verify('648219') and hsm.verifySo('3537363231383830') are what people type first. Each
    // builds the PIN value, presents it as the PinValue method does, and clears its copies. A
    // String cannot be cleared, so char[] (askPin, pinFrom) is the better habit; both are offered.

    /** VERIFY of the user PIN given as 6 to 16 characters. */
    public void verify(@Secret String pin) {
        withChars(pin, this::verify);
    }

    /** VERIFY of the user PIN; the caller still owns (and clears) {@code pin}. */
    public void verify(@Secret char[] pin) {
        try (Pin value = Pin.user(pin)) {
            verify(value);
        }
    }

    /** VERIFY of the SO-PIN given as 16 hex digits. */
    public void verifySo(@Secret String soPinHex) {
        withChars(soPinHex, this::verifySo);
    }

    public void verifySo(@Secret char[] soPinHex) {
        try (SoPin value = SoPin.fromHex(soPinHex)) {
            verify(value);
        }
    }

    /** CHANGE REFERENCE DATA of the user PIN. */
    public void changePin(@Secret String oldPin, @Secret String newPin) {
        withChars(oldPin, o -> withChars(newPin, n -> changePin(o, n)));
    }

    public void changePin(@Secret char[] oldPin, @Secret char[] newPin) {
        try (Pin oldValue = Pin.user(oldPin); Pin newValue = Pin.user(newPin)) {
            changeReferenceData(oldValue, newValue);
        }
    }

    /** CHANGE REFERENCE DATA of the SO-PIN, both as 16 hex digits. */
    public void changeSoPin(@Secret String oldSoPinHex, @Secret String newSoPinHex) {
        withChars(oldSoPinHex, o -> withChars(newSoPinHex, n -> changeSoPin(o, n)));
    }

    public void changeSoPin(@Secret char[] oldSoPinHex, @Secret char[] newSoPinHex) {
        try (SoPin oldValue = SoPin.fromHex(oldSoPinHex); SoPin newValue = SoPin.fromHex(newSoPinHex)) {
            changeReferenceData(oldValue, newValue);
        }
    }

    /** RESET RETRY COUNTER of the user PIN with the SO-PIN (16 hex digits); the PIN stays. */
    public void unblock(@Secret String soPinHex) {
        withChars(soPinHex, this::unblock);
    }

    public void unblock(@Secret char[] soPinHex) {
        try (SoPin so = SoPin.fromHex(soPinHex)) {
            resetRetryCounter(so, null);
        }
    }

    /** RESET RETRY COUNTER of the user PIN with the SO-PIN, setting a new user PIN. */
    public void unblock(@Secret String soPinHex, @Secret String newPin) {
        withChars(soPinHex, s -> withChars(newPin, n -> unblock(s, n)));
    }

    public void unblock(@Secret char[] soPinHex, @Secret char[] newPin) {
        try (SoPin so = SoPin.fromHex(soPinHex); Pin fresh = Pin.user(newPin)) {
            resetRetryCounter(so, fresh);
        }
    }

    private static void withChars(String text, java.util.function.Consumer<char[]> use) {
        char[] chars = Objects.requireNonNull(text, "a PIN must be given").toCharArray();
        try {
            use.accept(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    // ---- Files and objects (keys.md §1) ----

    /** ENUMERATE OBJECTS ({@code 80 58}): every file id on the card. No PIN needed. */
    public List<Integer> enumerateObjects() {
        return ElementaryFiles.enumerateObjects(transport);
    }

    /**
     * The whole content of EF {@code fid} in one extended READ BINARY.
     *
     * @throws FileNotFoundOnCardException 6A82
     */
    public byte[] readBinary(int fid) {
        return ElementaryFiles.readBinary(transport, fid);
    }

    /** Writes {@code data} to EF {@code fid} from offset 0, creating it if needed, in chunks. User PIN needed. */
    public void updateBinary(int fid, byte[] data) {
        ElementaryFiles.updateBinary(transport, fid, data);
    }

    /**
     * DELETE FILE ({@code 00 E4 02 00 02 <fid>}). For a key ({@code CCxx}) use {@link #deleteKey},
     * which the brick guard watches; this refuses key files unless forced.
     */
    public void deleteFile(int fid) {
        if (fid >> 8 == KeyInventory.PREFIX_KEY && !force) {
            BrickGuard.checkDeleteKey(fid & 0xFF);
        }
        ElementaryFiles.deleteFile(transport, fid);
    }

    /** GET CHALLENGE: {@code count} random bytes from the card. */
    public byte[] getChallenge(int count) {
        return ElementaryFiles.getChallenge(transport, count);
    }

    // ---- Device identity (keys.md §7) ----

    /** Reads EF 2F02 and judges its certificate chain against CardContact's roots and the schsm simulator's. */
    public DeviceIdentity deviceIdentity() {
        return deviceIdentity(TrustedRoots.known());
    }

    /**
     * The same against {@code roots}. A card that refuses to read 2F02 gets the verdict "broken"
     * with the status word as the reason; every real SmartCard-HSM has the file from manufacture.
     */
    public DeviceIdentity deviceIdentity(TrustedRoots roots) {
        return deviceIdentity(roots, VerifiedChains.none());
    }

    /**
     * The same, with the signature checks skipped for a chain that {@code verified} holds (the
     * exact certificates, verified against the same anchor before) and remembered there when it
     * verifies now.
     */
    public DeviceIdentity deviceIdentity(TrustedRoots roots, VerifiedChains verified) {
        byte[] content;
        try {
            content = readBinary(DeviceIdentity.EF_C_DEVAUT);
        } catch (StatusWordException e) {
            return DeviceIdentity.unreadable("EF 2F02 cannot be read: READ BINARY answered " + e.statusWord());
        }
        return DeviceIdentity.of(content, roots, verified);
    }

    /**
     * The device serial number from EF 2F02 (the device certificate's CHR without its sequence
     * number), no signature checked: empty when the file cannot be read or decoded.
     */
    public Optional<String> serialNumber() {
        try {
            return DeviceIdentity.serialNumberOf(readBinary(DeviceIdentity.EF_C_DEVAUT));
        } catch (StatusWordException e) {
            return Optional.empty();
        }
    }

    // ---- Keys (keys.md §1.2, §2, §3) ----

    /**
     * Every key but the device key, with label, type, size and CV request: 1 + 2 APDUs per key at
     * most. Usage (algorithms, use counter) is not read: {@link #keysWithUsage()}.
     */
    public List<KeyInfo> keys() {
        return KeyInventory.list(transport);
    }

    /** The keys of a listing already made with {@link #enumerateObjects()}: 2 APDUs per key at most. */
    public List<KeyInfo> keys(List<Integer> listing) {
        return KeyInventory.describe(transport, listing);
    }

    /**
     * Every key as {@link #keys()} lists it, each with its allowed algorithms and use counter
     * ({@link #keyUsage}): one SELECT more per key, so 1 + 3 APDUs per key at most.
     */
    public List<KeyInfo> keysWithUsage() {
        return withUsage(keys());
    }

    /** The keys of a listing already made with {@link #enumerateObjects()}, each with its usage. */
    public List<KeyInfo> keysWithUsage(List<Integer> listing) {
        return withUsage(keys(listing));
    }

    private List<KeyInfo> withUsage(List<KeyInfo> keys) {
        return keys.stream().map(k -> k.withUsage(keyUsage(k.id()))).toList();
    }

    /**
     * Key {@code id} as {@link #keys()} lists it, with its usage: ENUMERATE OBJECTS, its own
     * description and CV request, and the SELECT that reports its usage (4 APDUs at most).
     *
     * @throws InvalidInputException there is no such key on the card
     */
    public KeyInfo key(int id) {
        checkKeyId(id);
        KeyInfo key = KeyInventory.describeOne(transport, enumerateObjects(), id)
                .orElseThrow(() -> noSuchKey(id));
        return key.withUsage(keyUsage(id));
    }

    /**
     * The allowed algorithms, use counter and key domain of key {@code id}, as the FCP of
     * {@code SELECT CC<id>} reports them (one APDU, no PIN; {@link KeyUsage} says where they come
     * from and where that is not settled). The key's EF becomes the current EF.
     *
     * @throws InvalidInputException there is no such key on the card
     */
    public KeyUsage keyUsage(int id) {
        checkKeyId(id);
        CommandApdu command = new CommandApdu(CLA_ISO, SELECT.code(), 0x00, 0x00,
                new byte[] {(byte) KeyInventory.PREFIX_KEY, (byte) id}, 256);
        try {
            return KeyUsage.fromFcp(CardResponses.require(transport, command,
                    String.format("SELECT CC%02X", id)));
        } catch (FileNotFoundOnCardException e) {
            throw noSuchKey(id);
        }
    }

    private static InvalidInputException noSuchKey(int id) {
        return new InvalidInputException(String.format("there is no key %02X on the card", id));
    }

    /**
     * Signs {@code message} with key {@code keyId}: SHA-256 with the key's natural scheme, as
     * {@code schsm key sign} does (ECDSA answers DER, RSA PKCS#1 v1.5). User PIN needed.
     */
    public byte[] sign(int keyId, byte[] message) {
        return sign(keyId, "SHA-256", message);
    }

    /** The same with {@code hash}: sha1, sha256, sha384 or sha512 (or the JDK's name, SHA-256). */
    public byte[] sign(int keyId, String hash, byte[] message) {
        return KeySigning.sign(this, key(keyId), KeySigning.hashName(hash), message);
    }

    /** The lowest key id 1..255 not in use, as OpenSC picks it. */
    public int freeKeyId() {
        List<Integer> fids = enumerateObjects();
        for (int id = 1; id <= 0xFF; id++) {
            if (!fids.contains(KeyInventory.PREFIX_KEY << 8 | id)) {
                return id;
            }
        }
        throw new InvalidInputException("all 255 key ids are in use");
    }

    /**
     * GENERATE ASYMMETRIC KEY PAIR ({@code 00 46 <id> 00}) with the request OpenSC sends (its CHR is
     * the device serial + {@code 00001}), then writes the PKCS#15 description with {@code label}
     * to {@code C4<id>} as OpenSC does, so OpenSC lists the key. User PIN needed.
     *
     * @param id 1..255, or 0 for the lowest free id
     */
    public KeyInfo generateKeyPair(int id, KeySpec spec, String label) {
        String serial = serialNumber().orElse("UTDUMMY");
        return generateKeyPair(id, KeyGenerationRequest.openScStyle(spec, serial), label);
    }

    public KeyInfo generateKeyPair(int id, KeyGenerationRequest request, String label) {
        int keyId = id == 0 ? freeKeyId() : checkKeyId(id);
        CommandApdu command = new CommandApdu(CLA_ISO, Instruction.GENERATE_ASYMMETRIC_KEY_PAIR.code(), keyId, 0x00, request.encode(),
                CommandApdu.MAX_EXTENDED_NE, true);
        byte[] response = CardResponses.require(transport, command, "GENERATE ASYMMETRIC KEY PAIR");
        AuthenticatedRequest generated;
        try {
            generated = AuthenticatedRequest.decode(response);
        } catch (CvcFormatException e) {
            throw new MalformedResponseException("GENERATE ASYMMETRIC KEY PAIR answered something other than an"
                    + " authenticated CV request: " + e.getMessage());
        }
        CvPublicKey key = generated.request().publicKey();
        KeyType type = key.isEc() ? KeyType.EC : KeyType.RSA;
        byte[] publicValue = key.isEc() ? key.point() : key.part(0x81).orElseThrow(() ->
                new MalformedResponseException("RSA key template without modulus (81)"));
        PrivateKeyDescription description = PrivateKeyDescription.forKey(type, label,
                PrivateKeyDescription.intrinsicId(type, publicValue), keyId, key.sizeBits());
        byte[] prkd = description.encode();
        updateBinary(KeyInventory.PREFIX_PRKD << 8 | keyId, prkd);
        return KeyInventory.info(keyId, prkd, response);
    }

    /**
     * COMPUTE SIGNATURE ({@code 80 68 <id> <algorithm>}, extended): {@code input} is what the
     * algorithm id asks for (keys.md §3.1), e.g. a SHA-256 hash for {@code 70}. ECDSA answers in
     * DER. User PIN needed.
     */
    public byte[] computeSignature(int keyId, int algorithm, byte[] input) {
        CommandApdu command = new CommandApdu(CLA_PROPRIETARY, Instruction.COMPUTE_SIGNATURE.code(), checkKeyId(keyId), algorithm, input,
                CommandApdu.MAX_EXTENDED_NE, true);
        return CardResponses.require(transport, command, "COMPUTE SIGNATURE");
    }

    /**
     * DECIPHER ({@code 80 62 <id> <algorithm>}, extended): RSA raw decryption ({@code 21}) or ECDH
     * ({@code 80}, input the peer point {@code 04 || X || Y}, answer starting with {@code 04}).
     */
    public byte[] decipher(int keyId, int algorithm, byte[] input) {
        CommandApdu command = new CommandApdu(CLA_PROPRIETARY, Instruction.DECIPHER.code(), checkKeyId(keyId), algorithm, input,
                CommandApdu.MAX_EXTENDED_NE, true);
        return CardResponses.require(transport, command, "DECIPHER");
    }

    /**
     * Deletes key {@code CC<id>}, then its description {@code C4<id>} and its certificate
     * {@code CE<id>} where present, as OpenSC does. Irreversible: the brick guard refuses unless forced.
     */
    public void deleteKey(int keyId) {
        checkKeyId(keyId);
        if (!force) {
            BrickGuard.checkDeleteKey(keyId);
        }
        ElementaryFiles.deleteFile(transport, KeyInventory.PREFIX_KEY << 8 | keyId);
        for (int prefix : new int[] {KeyInventory.PREFIX_PRKD, KeyInventory.PREFIX_EE_CERTIFICATE}) {
            try {
                ElementaryFiles.deleteFile(transport, prefix << 8 | keyId);
            } catch (FileNotFoundOnCardException absent) {
                // nothing to delete
            }
        }
    }

    // ---- DKEK (keys.md §4, §6) ----

    /**
     * IMPORT DKEK SHARE ({@code 80 52 00 00 20 <share> 00}); returns the DKEK status after it. The
     * share's bytes are copied into one APDU buffer that is overwritten after sending.
     */
    public DkekStatus importDkekShare(DkekShare share) {
        try (SecretCommand command = SecretCommand.takingDataExpectingResponse(CLA_PROPRIETARY, IMPORT_DKEK_SHARE.code(),
                0x00, 0x00, share.toBytes())) {
            ResponseApdu response = command.transmit(transport);
            if (!response.isOk()) {
                throw new StatusWordException("IMPORT DKEK SHARE", command.shown(), response.statusWord());
            }
            return DkekStatus.decode(response.data());
        }
    }

    /** WRAP KEY ({@code 80 72 <id> 92}): the key blob of keys.md §6.2. User PIN and complete DKEK needed. */
    public byte[] wrapKey(int keyId) {
        CommandApdu command = new CommandApdu(CLA_PROPRIETARY, Instruction.WRAP_KEY.code(), checkKeyId(keyId), 0x92, null,
                CommandApdu.MAX_EXTENDED_NE, true);
        return CardResponses.require(transport, command, "WRAP KEY");
    }

    /** UNWRAP KEY ({@code 80 74 <id> 93 <blob>}, the blob as extended data, as CardContact's script sends it). */
    public void unwrapKey(int keyId, byte[] blob) {
        CommandApdu command = new CommandApdu(CLA_PROPRIETARY, Instruction.UNWRAP_KEY.code(), checkKeyId(keyId), 0x93, blob, 0, true);
        CardResponses.require(transport, command, "UNWRAP KEY");
    }

    private static int checkKeyId(int keyId) {
        if (keyId < 1 || keyId > 0xFF) {
            throw new InvalidInputException("key id must be 1..255 (00 is the device key), not " + keyId);
        }
        return keyId;
    }

    /**
     * Runs a guarded command holding the card exclusively, so the guard's status query and the
     * command are one unit: no other PC/SC client can spend a try in between (making the guard's
     * reading stale) or re-select the applet and log this session out.
     */
    private void held(Runnable work) {
        transport.exclusive(() -> {
            work.run();
            return null;
        });
    }
}

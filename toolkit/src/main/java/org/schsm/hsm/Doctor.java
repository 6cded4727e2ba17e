package org.schsm.hsm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.schsm.apdu.StatusWordException;

/**
 * Explains the state of a SmartCard-HSM and the recovery paths that exist for exactly that
 * state, reading nothing but SELECT, VERIFY without data, the DKEK status and the key inventory
 * (ENUMERATE OBJECTS, READ BINARY; no PIN needed, no try is spent). {@link #examine} is a pure
 * function of a {@link DeviceStatus} and a key count, so every state can be tested.
 *
 * <p>Facts behind the advice (reference §2.5, §5, §10): the SO-PIN has 15 tries and can never be
 * unblocked; a blocked SO-PIN prevents re-initialization and user-PIN reset for good; the user
 * PIN can be reset with the SO-PIN only when option 0001 was set at initialization;
 * re-initialization erases all keys; there is no factory reset (Nitrokey forum /t/1895).
 */
public final class Doctor {
    static final int SO_PIN_TRIES = 15;

    private Doctor() {
    }

    /**
     * Reads the status (spending nothing) and, on an initialized card, the key inventory (no PIN
     * needed: ENUMERATE OBJECTS and READ BINARY), and examines them.
     */
    public static Diagnosis diagnose(SmartCardHsm hsm) {
        DeviceStatus status = hsm.status();
        return examine(status, keyCount(hsm, status));
    }

    /** How many keys an initialized card lists (no PIN needed); empty when it is not initialized or will not list them. */
    public static OptionalInt keyCount(SmartCardHsm hsm, DeviceStatus status) {
        if (!status.initialized()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(hsm.keys().size());
        } catch (StatusWordException | MalformedResponseException unreadable) {
            return OptionalInt.empty();   // a card that will not list its files: say nothing about keys
        }
    }

    public static Diagnosis examine(DeviceStatus status) {
        return examine(status, OptionalInt.empty());
    }

    /**
     * @param keys how many keys (besides the device key) the card lists, when known: what a
     *             re-initialization would erase
     */
    public static Diagnosis examine(DeviceStatus status, OptionalInt keys) {
        List<Finding> findings = new ArrayList<>();
        if (!status.initialized()) {
            findings.add(DoctorFindings.notInitialized());
        } else {
            PinStatus so = status.soPin();
            PinStatus user = status.userPin();
            if (so.isBlocked()) {
                findings.add(user.isBlocked() ? DoctorFindings.bothBlocked() : DoctorFindings.soPinBlocked(user));
            } else {
                soPinCounter(so).ifPresent(findings::add);
                userPin(status).ifPresent(findings::add);
            }
            options(status).ifPresent(findings::add);
            findings.add(dkek(status.dkek()));
            keys.ifPresent(count -> findings.add(DoctorFindings.keysErasedByReinitialization(count)));
        }
        if (findings.stream().noneMatch(f -> f.severity().compareTo(Severity.WARNING) >= 0)) {
            findings.add(0, DoctorFindings.healthy());
        }
        return new Diagnosis(status.cardName(), status.lines(), findings);
    }

    private static Optional<Finding> soPinCounter(PinStatus so) {
        return switch (so.state()) {
            case NOT_VERIFIED -> so.triesLeft() < SO_PIN_TRIES
                    ? Optional.of(DoctorFindings.soPinTriesSpent(so.triesLeft()))
                    : Optional.empty();
            case UNKNOWN -> Optional.of(DoctorFindings.unknown(so));
            default -> Optional.empty();
        };
    }

    private static Optional<Finding> userPin(DeviceStatus status) {
        PinStatus user = status.userPin();
        return switch (user.state()) {
            case BLOCKED -> Optional.of(DoctorFindings.userPinBlocked(status.resetRetryCounterEnabled(),
                    status.soPin().triesLeft()));
            case NOT_VERIFIED -> user.triesLeft() <= 2
                    ? Optional.of(DoctorFindings.userPinLow(user.triesLeft(), status.resetRetryCounterEnabled()))
                    : Optional.empty();
            case TRANSPORT_PIN -> Optional.of(DoctorFindings.transportPin());
            case UNKNOWN -> Optional.of(DoctorFindings.unknown(user));
            default -> Optional.empty();
        };
    }

    /** A disabled reset matters only while the user PIN still works; when blocked it is already said. */
    private static Optional<Finding> options(DeviceStatus status) {
        boolean resetDisabled = status.resetRetryCounterEnabled().map(enabled -> !enabled).orElse(false);
        if (resetDisabled && !status.userPin().isBlocked() && !status.soPin().isBlocked()) {
            return Optional.of(DoctorFindings.noPinReset());
        }
        return Optional.empty();
    }

    private static Finding dkek(OptionalRead<DkekStatus> read) {
        if (!read.isAvailable()) {
            return DoctorFindings.dkekUnknown(read.reason());
        }
        DkekStatus dkek = read.value();
        if (dkek.isConfigured()) {
            return dkek.isComplete() ? DoctorFindings.dkekReady(dkek) : DoctorFindings.dkekPending(dkek);
        }
        return DoctorFindings.noDkek();
    }
}

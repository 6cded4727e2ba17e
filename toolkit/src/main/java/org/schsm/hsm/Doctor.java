package org.schsm.hsm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the device without spending a try and explains its state with the recovery paths that
 * exist for exactly that state (reference §2.5, §3.2, §5, §10; Nitrokey forum /t/1895, /t/2795).
 */
public final class Doctor {
    static final int SO_MAX_TRIES = 15;
    private final SmartCardHsm hsm;

    public Doctor(SmartCardHsm hsm) {
        this.hsm = hsm;
    }

    /** Reads {@link SmartCardHsm#status()} (SELECT, no-data VERIFYs, DKEK status) and diagnoses it. */
    public Diagnosis run() {
        return diagnose(hsm.status());
    }

    public static Diagnosis diagnose(DeviceStatus s) {
        List<Finding> out = new ArrayList<>();
        if (!s.initialized()) {
            out.add(DoctorFindings.neverInitialized());
        } else {
            PinStatus user = s.userPin();
            PinStatus so = s.soPin();
            if (so.isBlocked()) {
                out.add(DoctorFindings.soBlocked(user));
            } else if (user.isBlocked()) {
                out.add(DoctorFindings.userBlocked(s, so));
            }
            if (s.transportPinActive()) {
                out.add(DoctorFindings.transportPin());
            }
            if (user.state() == PinState.NOT_VERIFIED && user.triesLeft() <= 2 && !so.isBlocked()) {
                out.add(DoctorFindings.userLow(user, s.userPinResetEnabled()));
            }
            if (so.state() == PinState.NOT_VERIFIED && so.triesLeft() < SO_MAX_TRIES) {
                out.add(DoctorFindings.soFailures(so, user));
            }
            if (!so.isBlocked()) {
                out.add(DoctorFindings.defaultSoPinUnknown());
            }
            s.dkek().filter(d -> d.outstanding() > 0).ifPresent(d -> out.add(DoctorFindings.dkekPending(d)));
            if (user.state() == PinState.UNKNOWN) {
                out.add(DoctorFindings.unknownUserState(user));
            }
        }
        boolean problems = out.stream().anyMatch(f -> f.severity().compareTo(Severity.WARNING) >= 0);
        if (s.initialized() && !problems) {
            out.add(0, DoctorFindings.healthy(s));
        }
        out.sort(Comparator.comparing(Finding::severity).reversed());
        return new Diagnosis(s.cardName(), s.initialized(), s.userPin().describe(), s.soPin().describe(), out);
    }
}

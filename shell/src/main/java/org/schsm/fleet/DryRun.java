package org.schsm.fleet;

import java.util.List;
import org.schsm.hsm.PinStatus;

/**
 * What {@code --dry-run} says for one device: the command that would run (secrets as {@code **}),
 * the device's state, and what its brick guard or the card would do with it. Only reads were sent.
 */
final class DryRun {
    private DryRun() {
    }

    static String plan(String command, DeviceProbe probe, List<String> maskedArgs) {
        StringBuilder b = new StringBuilder();
        b.append("serial ").append(probe.serial()).append(", ")
                .append(probe.initialized() ? "initialized, user PIN " + probe.pinText() : "not initialized").append('\n');
        b.append("would run: schsm ").append(String.join(" ", withoutDryRun(maskedArgs))).append('\n');
        String expect = expectation(command, probe, maskedArgs.contains("--force"));
        if (expect != null) {
            b.append(expect).append('\n');
        }
        return b.toString();
    }

    private static List<String> withoutDryRun(List<String> args) {
        return args.stream().filter(a -> !a.equals("--dry-run")).toList();
    }

    private static String expectation(String command, DeviceProbe probe, boolean forced) {
        if (command.equals("init")) {
            if (probe.initialized()) {
                return forced ? "note: re-initializing erases every key and file on this device (--force given)"
                        : "expect: refused by the brick guard (initialized: re-initializing erases its keys; needs --force)";
            }
            return null;
        }
        if (!probe.initialized()) {
            return "expect: refused by the card (not initialized: run schsm init first)";
        }
        PinStatus pin = probe.userPin();
        if (pin != null && pin.state() == PinStatus.State.BLOCKED) {
            return "expect: refused by the card (user PIN blocked: schsm pin unblock)";
        }
        if (pin != null && pin.state() == PinStatus.State.NOT_VERIFIED && pin.triesLeft() == 1 && !forced) {
            return "expect: refused by the brick guard (one user PIN try left)";
        }
        return null;
    }
}

package org.schsm.cli.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.schsm.testkit.ProcessResult;

/**
 * What {@code sc-hsm-tool} (no action, OpenSC 0.23 {@code print_info}) prints, parsed:
 * <pre>
 * Version              : 3.6
 * Config options       :
 *   User PIN reset with SO-PIN enabled
 * SO-PIN tries left    : 15
 * User PIN tries left  : 3                             (or: User PIN locked)
 * DKEK shares          : 1
 * DKEK import pending, 1 share(s) still missing      (or: DKEK key check value : 0123...)
 * </pre>
 * or, on a card never initialized, the version and "SmartCard-HSM has never been initialized".
 */
record ScHsmToolStatus(String version, boolean neverInitialized, List<String> optionNames,
                       Optional<Integer> soTriesLeft, Optional<Integer> userTriesLeft,
                       boolean soLocked, boolean userLocked,
                       Optional<Integer> dkekShares, Optional<Integer> dkekOutstanding,
                       Optional<String> keyCheckValue) {
    private static final Pattern VERSION = Pattern.compile("(?m)^Version {14}: (\\S+)$");
    private static final Pattern SO = Pattern.compile("(?m)^SO-PIN tries left {4}: (\\d+)$");
    private static final Pattern USER = Pattern.compile("(?m)^User PIN tries left {2}: (\\d+)$");
    private static final Pattern SHARES = Pattern.compile("(?m)^DKEK shares {10}: (\\d+)$");
    private static final Pattern PENDING = Pattern.compile("(?m)^DKEK import pending, (\\d+) share\\(s\\) still missing$");
    private static final Pattern KCV = Pattern.compile("(?m)^DKEK key check value : ([0-9A-Fa-f ]+)$");

    static ScHsmToolStatus parse(ProcessResult run) {
        if (!run.succeeded()) {
            throw new AssertionError("sc-hsm-tool status failed:\n" + run.describe());
        }
        String out = run.stdout();
        String version = first(VERSION, out).orElseThrow(() -> new AssertionError("no Version line:\n" + run.describe()));
        List<String> options = new ArrayList<>();
        boolean inOptions = false;
        for (String line : out.lines().toList()) {
            if (line.startsWith("Config options       :")) {
                inOptions = true;
            } else if (inOptions && line.startsWith("  ")) {
                options.add(line.trim());
            } else {
                inOptions = false;
            }
        }
        Optional<Integer> shares = first(SHARES, out).map(Integer::valueOf);
        Optional<Integer> pending = first(PENDING, out).map(Integer::valueOf);
        Optional<String> kcv = first(KCV, out).map(s -> s.replace(" ", "").toUpperCase());
        return new ScHsmToolStatus(version, out.contains("SmartCard-HSM has never been initialized"), List.copyOf(options),
                first(SO, out).map(Integer::valueOf), first(USER, out).map(Integer::valueOf),
                out.lines().anyMatch("SO-PIN locked"::equals), out.lines().anyMatch("User PIN locked"::equals),
                shares, shares.isPresent() ? Optional.of(pending.orElse(0)) : Optional.empty(), kcv);
    }

    private static Optional<String> first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}

package org.schsm.fleet;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The table a read command ends in over a set of devices: one row per device, then a count. */
final class FleetTable {
    private static final int MAX_VERDICT = 100;

    private FleetTable() {
    }

    static void print(List<FleetRun.DeviceResult> results, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"READER", "SERIAL", "PIN", "VERDICT"});
        for (FleetRun.DeviceResult r : results) {
            String verdict = r.verdict();
            if (verdict.length() > MAX_VERDICT) {
                verdict = verdict.substring(0, MAX_VERDICT - 3) + "...";
            }
            rows.add(new String[] {r.label(), r.probe().serial(), r.probe().pinText(), verdict});
        }
        int[] width = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < 3; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            out.println(String.format("%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %s",
                    row[0], row[1], row[2], row[3]).stripTrailing());
        }
        long ok = results.stream().filter(r -> r.exitCode() == 0).count();
        out.println(results.size() + " device" + (results.size() == 1 ? "" : "s") + ": " + ok + " ok, "
                + (results.size() - ok) + " with a problem");
    }
}

package org.schsm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the doctor looks at on this machine besides PC/SC itself: is pcscd running, is its socket
 * there, does systemd manage services, which programs use PC/SC. Read from /proc and /run on
 * Linux; elsewhere every answer is "unknown" and the advice stays general. An interface so that
 * tests can describe a machine.
 */
interface PcscHost {
    /** pcscd's socket on Linux (pcsc-lite's default). */
    Path PCSCD_SOCKET = Path.of("/run/pcscd/pcscd.comm");

    boolean pcscdRunning();

    boolean pcscdSocketPresent();

    /** True where systemd runs the services (then pcscd is started through its socket unit). */
    boolean systemd();

    /** "name (pid N)" of every other program that has the PC/SC client library loaded. */
    List<String> programsUsingPcsc();

    /** This machine, read from /proc. */
    static PcscHost system() {
        return new PcscHost() {
            @Override
            public boolean pcscdRunning() {
                return processes().stream().anyMatch(p -> p.name().equals("pcscd"));
            }

            @Override
            public boolean pcscdSocketPresent() {
                return Files.exists(PCSCD_SOCKET);
            }

            @Override
            public boolean systemd() {
                return Files.isDirectory(Path.of("/run/systemd/system"));
            }

            @Override
            public List<String> programsUsingPcsc() {
                long self = ProcessHandle.current().pid();
                List<String> users = new ArrayList<>();
                for (Proc p : processes()) {
                    if (p.pid() != self && maps(p.pid()).contains("libpcsclite")) {
                        users.add(p.name() + " (pid " + p.pid() + ")");
                    }
                }
                return users;
            }
        };
    }

    /** One process: its pid and command name. */
    record Proc(long pid, String name) {
    }

    private static List<Proc> processes() {
        List<Proc> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String n = d.getFileName().toString();
                if (n.chars().allMatch(Character::isDigit)) {
                    try {
                        out.add(new Proc(Long.parseLong(n), Files.readString(d.resolve("comm")).strip()));
                    } catch (IOException gone) {
                        // the process ended while we looked
                    }
                }
            }
        } catch (IOException | UnsupportedOperationException noProc) {
            return List.of();
        }
        return out;
    }

    private static String maps(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "maps"));
        } catch (IOException | SecurityException notAllowed) {
            return "";   // another user's process: not shown, as the system does not allow it
        }
    }
}

package org.schsm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.schsm.session.ExitCode;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Build step ({@code mvn package}): bash/zsh completion and the man pages, both from the command
 * model ({@link Main#fullTree()}), into the directory the distribution archive takes them from.
 * Usage: {@code BuildDocs OUTPUT-DIR VERSION}.
 */
public final class BuildDocs {
    /** Completion script, for bash and (through bashcompinit) zsh: picocli's AutoComplete. */
    static final String BASH = "share/bash-completion/completions/schsm";
    /**
     * For zsh: the same script (it loads zsh's bashcompinit itself), sourced from {@code .zshrc}.
     */
    static final String ZSH = "share/zsh/schsm.zsh";
    static final String MAN = "share/man/man1";

    private BuildDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: BuildDocs OUTPUT-DIR VERSION");
            System.exit(ExitCode.BAD_INPUT);
        }
        write(Path.of(args[0]), args[1]);
    }

    static void write(Path out, String version) throws IOException {
        CommandLine root = Main.fullTree();
        String bash = AutoComplete.bash("schsm", root);
        Files.createDirectories(out.resolve(BASH).getParent());
        Files.writeString(out.resolve(BASH), bash);
        Files.createDirectories(out.resolve(ZSH).getParent());
        Files.writeString(out.resolve(ZSH), bash);
        Path man = out.resolve(MAN);
        Files.createDirectories(man);
        writePages(root, man, version);
    }

    private static void writePages(CommandLine cl, Path dir, String version) throws IOException {
        Files.writeString(dir.resolve(ManPages.fileName(cl.getCommandSpec())), ManPages.page(cl, version));
        for (CommandLine sub : cl.getSubcommands().values()) {
            writePages(sub, dir, version);
        }
    }
}

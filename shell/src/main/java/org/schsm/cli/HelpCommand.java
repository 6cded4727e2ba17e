package org.schsm.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code schsm help [COMMAND [SUBCOMMAND...]]}: the help of any command in the tree. picocli's own
 * help command looks up one level only, so {@code schsm help pin change} showed the help of
 * {@code pin}; this one follows the whole path.
 */
@Command(name = "help", helpCommand = true,
        description = "Show the help of a command: schsm help pin change.")
public final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command path, e.g. pin change.")
    String[] path = new String[0];

    private CommandLine self;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme,
                     PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        for (String name : path) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                // the word itself is not repeated: usage errors never echo what was typed
                throw new CommandLine.ParameterException(self, "no such command under "
                        + target.getCommandSpec().qualifiedName() + "; its commands: "
                        + String.join(", ", target.getSubcommands().keySet()));
            }
            target = next;
        }
        target.usage(self.getOut());
    }
}

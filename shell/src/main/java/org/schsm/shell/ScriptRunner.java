package org.schsm.shell;

import groovy.lang.GroovyShell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.schsm.InvalidInputException;
import org.schsm.session.ExitCode;

/**
 * Runs one Groovy script file with the shell's bindings and {@code args}. The exit code is the
 * script's result when it is an Integer, else 0; an uncaught error prints one line and maps to
 * the CLI's exit codes. Never calls {@link System#exit}.
 */
final class ScriptRunner {
    private final ShellSession session;

    ScriptRunner(ShellSession session) {
        this.session = session;
    }

    int run(Path script, String[] args) {
        try {
            String source = read(script);
            session.binding().setVariable("args", args);
            GroovyShell shell = GroovyShells.create(session);
            Object result = shell.evaluate(source, scriptClassName(script));
            return result instanceof Integer code ? code : ExitCode.OK;
        } catch (ScriptExit e) {
            return e.exitCode();
        } catch (Exception | AssertionError | StackOverflowError e) {
            session.lastError(e);
            session.err().println("schsm: " + org.schsm.errors.SafeErrorText.fileName(script.getFileName()) + ": "
                    + ErrorText.message(e, ShellRemedies::forScriptUsers));
            if ("1".equals(System.getenv("SCHSM_DEBUG"))) {
                ErrorText.printTrace(e, session.err());
            }
            return ErrorText.exitCode(e);
        } finally {
            session.out().flush();
            session.err().flush();
        }
    }

    private static String read(Path script) {
        try {
            return Files.readString(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the exception's message is the path again: the class name says enough
            throw new InvalidInputException("cannot read script " + org.schsm.errors.SafeErrorText.fileName(script) + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /** A valid class name from the file name, so that stack traces name the script. */
    private static String scriptClassName(Path script) {
        String name = script.getFileName().toString().replaceFirst("\\.groovy$", "");
        String cleaned = name.replaceAll("[^A-Za-z0-9_$]", "_");
        return (Character.isJavaIdentifierStart(cleaned.isEmpty() ? '1' : cleaned.charAt(0)) ? cleaned : "_" + cleaned)
                + ".groovy";
    }
}

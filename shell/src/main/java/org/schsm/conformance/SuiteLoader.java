package org.schsm.conformance;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.schsm.errors.SafeErrorText;

/**
 * Compiles a suite file once and runs its top level, which only defines suites. Compilation and
 * definition errors become {@link SuiteDefinitionException} with the file name, so the command
 * exits 2 before any APDU is sent.
 */
public final class SuiteLoader {
    static final String SOURCE_VARIABLE = "__suiteSource";

    private SuiteLoader() {
    }

    public static List<Suite> load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SuiteDefinitionException("suite file " + SafeErrorText.fileName(file) + " does not exist");
        } catch (IOException e) {
            throw new SuiteDefinitionException("cannot read suite file " + SafeErrorText.fileName(file) + ": "
                    + e.getClass().getSimpleName());
        }
        return parse(text, file.getFileName().toString());
    }

    public static List<Suite> parse(String text, String sourceName) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(SuiteScript.class.getName());
        ImportCustomizer imports = new ImportCustomizer();
        imports.addStarImports("org.schsm.apdu", "org.schsm.hsm", "org.schsm.hsm.pkcs15", "org.schsm.tlv");
        imports.addImports("java.time.Duration");
        config.addCompilationCustomizers(imports, new DurationLiterals());
        Binding binding = new Binding();
        binding.setVariable(SOURCE_VARIABLE, sourceName);
        GroovyShell shell = new GroovyShell(SuiteLoader.class.getClassLoader(), binding, config);
        Script script;
        try {
            script = shell.parse(text, scriptName(sourceName));
        } catch (CompilationFailedException e) {
            throw new SuiteDefinitionException(sourceName + ": does not compile: " + SafeErrorText.message(e).strip());
        }
        try {
            script.run();
        } catch (SuiteDefinitionException e) {
            throw new SuiteDefinitionException(sourceName + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new SuiteDefinitionException(sourceName + ": " + e.getClass().getSimpleName() + " while defining suites: "
                    + SafeErrorText.message(e));
        }
        List<Suite> suites = ((SuiteScript) script).definedSuites();
        if (suites.isEmpty()) {
            throw new SuiteDefinitionException(sourceName + ": defines no suite (use suite('name') { ... })");
        }
        return suites;
    }

    /** A valid class name derived from the file name, so stack traces point at the suite. */
    private static String scriptName(String sourceName) {
        String base = sourceName.replaceAll("\\.groovy$", "").replaceAll("[^A-Za-z0-9_]", "_");
        if (base.isEmpty() || !Character.isJavaIdentifierStart(base.charAt(0))) {
            base = "suite_" + base;
        }
        return base + ".groovy";
    }
}

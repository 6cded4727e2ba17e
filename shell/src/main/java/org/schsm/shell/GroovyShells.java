package org.schsm.shell;

import groovy.lang.GroovyShell;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ImportCustomizer;

/** The Groovy compiler set-up shared by the shell and the runner: base class and default imports. */
final class GroovyShells {
    /** Packages every line and script sees without imports (absent ones are harmless). */
    static final String[] STAR_IMPORTS = {
        "org.schsm.apdu", "org.schsm.transport", "org.schsm.hsm", "org.schsm.hsm.pkcs15", "org.schsm.tlv", "org.schsm.shell"
    };

    private GroovyShells() {
    }

    static GroovyShell create(ShellSession session) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(SchsmScript.class.getName());
        ImportCustomizer imports = new ImportCustomizer();
        imports.addStarImports(STAR_IMPORTS);
        config.addCompilationCustomizers(imports);
        return new GroovyShell(SchsmScript.class.getClassLoader(), session.binding(), config);
    }
}

package org.schsm.cli;

import picocli.CommandLine;

/** The version comes from the jar manifest so that it is written in one place, the POM. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"schsm " + (v == null ? "(development build)" : v)};
    }
}

package dev.rerank4j.cli;

import picocli.CommandLine;

/** Prints the rerank4j version from the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"rerank4j " + (version == null ? "(development build)" : version)};
    }
}

package dev.nightly.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest, so that it never goes out of date. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Nightly.class.getPackage().getImplementationVersion();
        return new String[] {"nightly " + (version == null ? "(development build)" : version)};
    }
}

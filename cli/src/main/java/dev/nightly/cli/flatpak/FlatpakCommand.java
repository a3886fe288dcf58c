package dev.nightly.cli.flatpak;

import picocli.CommandLine.Command;

/** {@code nightly flatpak ...}: build and publish nightly Flatpak repositories. */
@Command(name = "flatpak",
        mixinStandardHelpOptions = true,
        description = "Build, sign and publish nightly Flatpak repositories.",
        subcommands = {FlatpakBuildCommand.class, FlatpakPublishCommand.class})
public final class FlatpakCommand {
}

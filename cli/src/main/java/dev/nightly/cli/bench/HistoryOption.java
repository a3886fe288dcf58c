package dev.nightly.cli.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --history DIR} option every bench command has. */
final class HistoryOption {
    @Option(names = "--history", required = true, paramLabel = "DIR",
            description = "The history store directory (created on first ingest).")
    Path directory;
}

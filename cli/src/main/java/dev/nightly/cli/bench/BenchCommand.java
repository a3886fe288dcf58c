package dev.nightly.cli.bench;

import picocli.CommandLine.Command;

/** {@code nightly bench ...}: benchmark history, checks and reports. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Ingest benchmark results into a history, export it, check it and report on it.",
        subcommands = {IngestCommand.class, ExportCommand.class, CheckCommand.class, ReportCommand.class,
                VerifyCommand.class, RepairCommand.class, ChangesCommand.class, AckCommand.class})
public final class BenchCommand {
}

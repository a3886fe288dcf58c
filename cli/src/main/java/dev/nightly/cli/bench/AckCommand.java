package dev.nightly.cli.bench;

import dev.nightly.bench.changes.AckStatus;
import dev.nightly.bench.changes.Acknowledgement;
import dev.nightly.bench.changes.ChangeSettings;
import dev.nightly.bench.changes.ChangeTracker;
import dev.nightly.bench.check.CheckSettings;
import dev.nightly.bench.store.HistoryStore;
import dev.nightly.cli.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nightly bench ack}: records a decision about one change point. */
@Command(name = "ack", mixinStandardHelpOptions = true,
        description = {"Acknowledge a change point (see `bench changes`):",
                "  expected   meant to happen: the new level is the baseline from then on (--note says why);",
                "  bug        a bug: stays open and is shown as known (--note holds the link);",
                "  no-change  not a change: suppressed.",
                "Appended to acks.jsonl in the history store; the latest decision about a change point wins.",
                "Exit code 0; 2: bad input (no such series, no change point at that build)."})
public final class AckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HistoryOption history;

    @Option(names = "--series", required = true, paramLabel = "KEY",
            description = "The series id, as `bench changes` prints it: mail_query/queryTime{rows=5000}.")
    String series;

    @Option(names = "--build", required = true, paramLabel = "N",
            description = "The build of the change point (the first build at the new level; within 2 builds is enough).")
    long build;

    @Option(names = "--as", required = true, paramLabel = "expected|bug|no-change", description = "The decision.")
    String as;

    @Option(names = "--note", paramLabel = "TEXT", defaultValue = "", description = "Why (expected), the bug's link (bug).")
    String note;

    @Option(names = "--user", paramLabel = "NAME", description = "Who decides (default: $USER).")
    String user;

    @Option(names = "--checks", paramLabel = "FILE",
            description = "Check settings (JSON; see README): their \"direction\" says which way a series gets better.")
    Path checks;

    @Override
    public Integer call() {
        AckStatus status = AckStatus.parse(as);
        CheckSettings settings = checks == null ? CheckSettings.defaults() : CheckSettings.read(checks);
        String who = user != null ? user : System.getenv().getOrDefault("USER", "");
        Acknowledgement ack = new ChangeTracker(ChangeSettings.defaults(), settings.directions())
                .acknowledge(HistoryStore.openExisting(history.directory).snapshot(), series, build, status, note, who, Instant.now());
        PrintWriter out = spec.commandLine().getOut();
        out.println("acknowledged " + ack.series() + " build " + ack.build() + " as " + ack.status().text()
                + (ack.note().isEmpty() ? "" : ": " + ack.note()));
        out.flush();
        return ExitCode.OK;
    }
}

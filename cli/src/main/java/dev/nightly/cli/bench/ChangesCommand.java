package dev.nightly.cli.bench;

import dev.nightly.bench.changes.ChangeStatus;
import dev.nightly.bench.changes.ChangeTracker;
import dev.nightly.bench.changes.ChangesJson;
import dev.nightly.bench.changes.TrackedChange;
import dev.nightly.bench.check.CheckSettings;
import dev.nightly.bench.changes.ChangeSettings;
import dev.nightly.bench.store.HistorySnapshot;
import dev.nightly.bench.store.HistoryStore;
import dev.nightly.cli.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nightly bench changes}: the change points of every series and what was decided about them. */
@Command(name = "changes", mixinStandardHelpOptions = true,
        description = {"List the change points of every series: persistent shifts in level (E-divisive means with a",
                "permutation test), where they happened (build and commit, and the build before), how large, which",
                "way, how sure, and their status: open, bug (acknowledged, still open), expected, no-change.",
                "Exit code 0; 2: bad input."})
public final class ChangesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HistoryOption history;

    @Option(names = "--open", description = "Only open change points: not acknowledged, or acknowledged as a bug.")
    boolean open;

    @Option(names = "--json", description = "Print JSON ({\"changes\": [...]}) instead of text.")
    boolean json;

    @Option(names = "--checks", paramLabel = "FILE",
            description = "Check settings (JSON; see README): their \"direction\" says which way a series gets better.")
    Path checks;

    @Override
    public Integer call() {
        CheckSettings settings = checks == null ? CheckSettings.defaults() : CheckSettings.read(checks);
        HistorySnapshot snapshot = HistoryStore.openExisting(history.directory).snapshot();
        List<TrackedChange> changes = new ChangeTracker(ChangeSettings.defaults(), settings.directions()).list(snapshot).stream()
                .filter(c -> !open || c.status().isOpen()).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ChangesJson.write(changes));
            out.flush();
            return ExitCode.OK;
        }
        for (TrackedChange change : changes) {
            out.println(ChangesText.describe(change));
        }
        Map<ChangeStatus, Integer> counts = new EnumMap<>(ChangeStatus.class);
        changes.forEach(c -> counts.merge(c.status(), 1, Integer::sum));
        StringBuilder summary = new StringBuilder().append(changes.size())
                .append(changes.size() == 1 ? " change point" : " change points");
        String separator = ": ";
        for (Map.Entry<ChangeStatus, Integer> count : counts.entrySet()) {
            summary.append(separator).append(count.getValue()).append(' ').append(count.getKey().text());
            separator = ", ";
        }
        out.println(summary);
        out.flush();
        return ExitCode.OK;
    }

}

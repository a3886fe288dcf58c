package dev.nightly.cli.bench;

import dev.nightly.bench.export.HistoryExport;
import dev.nightly.bench.store.HistoryStore;
import dev.nightly.cli.ExitCode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nightly bench export}: the whole history as JSON on standard output. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Print the whole history as JSON:",
                "{\"series\":[{\"dataset\",\"measure\",\"unit\",\"parameters\":{},\"points\":[{\"build\",\"commit\",\"time\",\"value\"}]}]}",
                "with points in time order."})
public final class ExportCommand implements Callable<Integer> {
    @Mixin
    HistoryOption history;

    @Override
    public Integer call() throws IOException {
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        HistoryExport.write(HistoryStore.openExisting(history.directory).snapshot(), out);
        out.flush();
        return ExitCode.OK;
    }
}

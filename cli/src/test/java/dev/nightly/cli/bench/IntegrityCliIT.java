package dev.nightly.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nightly.cli.JarRun;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the jar does, as a process, with input it must not trust and a machine that says no: files given
 * by mistake are not echoed, paths that are not a store or a report are refused before anything is
 * written, odd values and names are refused, builds are never merged in silence, and a full disk, a
 * read-only or forbidden directory and too little memory are one line and exit code 2.
 */
class IntegrityCliIT {
    private static final Path SAMPLES = Path.of("../bench-core/src/test/resources/hawd").toAbsolutePath().normalize();
    private static final String SECRET = "s3cr3t-T0KEN-9b1c";

    @TempDir
    Path work;

    private JarRun run(String... args) throws Exception {
        return JarRun.of(work, args);
    }

    private Path night(int n) {
        return SAMPLES.resolve("nights/mail_query.night" + n + ".json");
    }

    private static void assertOneLineError(JarRun run, String... parts) {
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.stderr().lines().filter(l -> !l.startsWith("Picked up"))).hasSize(1).first().asString()
                .startsWith("nightly: ").doesNotContain("internal error").contains(parts);
    }

    /** The jar as another user, or with more environment: {@code prefix java -jar nightly.jar args}. */
    private JarRun runAs(List<String> prefix, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-jar", JarRun.JAR.toString()));
        command.addAll(List.of(args));
        Path out = work.resolve(".out");
        Path err = work.resolve(".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        JarRun run = new JarRun(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    // --- input files are not echoed

    @Test
    void aSecretFileGivenByMistakeNeverReachesTheOutput() throws Exception {
        List<Path> secrets = List.of(
                Files.writeString(work.resolve("token"), SECRET + "\n"),
                Files.writeString(work.resolve("shadow"), "root:$6$" + SECRET + ":19000:0:99999:7:::\n"),
                Files.writeString(work.resolve("key.json"), "{\"type\": \"service_account\", \"private_key\": \"" + SECRET + "\"}"),
                Files.writeString(work.resolve("settings.xml"), "<settings><password>" + SECRET + "</password></settings>"),
                Files.writeString(work.resolve("words"), "{" + SECRET + "}"));
        Files.createSymbolicLink(work.resolve("results.json"), secrets.get(1));
        List<JarRun> runs = new ArrayList<>();
        for (Path secret : secrets) {
            runs.add(run("bench", "ingest", "--history", "h", "--build", "1", secret.toString()));
            runs.add(run("bench", "ingest", "--history", "h", "--build", "1", "--format", "hawd", secret.toString()));
            runs.add(run("bench", "ingest", "--history", "h", "--build", "1", "--format", "jmh", secret.toString()));
            runs.add(run("bench", "check", "--history", "h", "--build", "1", "--checks", secret.toString()));
        }
        runs.add(run("bench", "ingest", "--history", "h", "--build", "1", "results.json"));

        for (JarRun run : runs) {
            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
            assertThat(run.stdout() + run.stderr()).doesNotContain(SECRET).doesNotContain("T0KEN");
        }
        assertThat(runs.get(runs.size() - 1).stderr()).contains("results.json", "plain text of 1 line");
        assertThat(runs.get(8).stderr()).contains("a JSON object with keys type, private_key");
    }

    // --- paths that are not a store or a report

    @ParameterizedTest
    @ValueSource(strings = {"/", "/etc"})
    void aForeignDirectoryIsRefusedAsHistoryWithoutCreatingAnythingInIt(String directory) throws Exception {
        Path lock = Path.of(directory, ".lock");
        boolean before = Files.exists(lock);

        JarRun ingest = run("bench", "ingest", "--history", directory, "--build", "1", night(1).toString());

        assertOneLineError(ingest, directory + ": not a history store", "not empty");
        assertThat(Files.exists(lock)).isEqualTo(before);
    }

    @Test
    void anEmptyHistoryPathIsRefused() throws Exception {
        JarRun ingest = run("bench", "ingest", "--history", "", "--build", "1", night(1).toString());
        JarRun export = run("bench", "export", "--history", "");

        assertOneLineError(ingest, "the history store path is empty");
        assertOneLineError(export, "the history store path is empty");
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void aNonEmptyDirectoryThatIsNotAStoreIsRefusedUntouched() throws Exception {
        Path mine = Files.createDirectories(work.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "mine");

        assertOneLineError(run("bench", "ingest", "--history", mine.toString(), "--build", "1", night(1).toString()),
                "not a history store", "notes.txt");
        try (Stream<Path> files = Files.list(mine)) {
            assertThat(files.toList()).containsExactly(mine.resolve("notes.txt"));
        }
    }

    @Test
    void aReportIsNotWrittenIntoAStoreOrAForeignFolderButReplacesAnEarlierReport() throws Exception {
        Path history = work.resolve("history");
        assertThat(run("bench", "ingest", "--history", history.toString(), "--build", "1", night(1).toString()).exitCode()).isZero();
        List<String> store;
        try (Stream<Path> files = Files.list(history)) {
            store = files.map(p -> p.getFileName().toString()).sorted().toList();
        }

        assertOneLineError(run("bench", "report", "--history", history.toString(), "--out", history.toString()),
                history + ": not empty and not an earlier report");
        try (Stream<Path> files = Files.list(history)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(store);
        }
        Path site = Files.createDirectories(work.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<html>my site</html>");
        assertOneLineError(run("bench", "report", "--history", history.toString(), "--out", site.toString()), "site");
        assertThat(site.resolve("index.html")).hasContent("<html>my site</html>");

        Path report = work.resolve("report");
        assertThat(run("bench", "report", "--history", history.toString(), "--out", report.toString()).exitCode()).isZero();
        assertThat(run("bench", "report", "--history", history.toString(), "--out", report.toString()).exitCode()).isZero();
    }

    // --- values and names

    @Test
    void anInfiniteValueIsRefusedNamingTheFileAndSeries() throws Exception {
        Path file = Files.writeString(work.resolve("inf.json"), Files.readString(night(1)).replaceFirst("\"value\": 40\\b", "\"value\": 1e400"));
        assertThat(Files.readString(file)).contains("1e400");

        JarRun ingest = run("bench", "ingest", "--history", "h", "--build", "1", file.toString());

        assertOneLineError(ingest, "inf.json", "series mail_query/", "infinite");
        assertThat(work.resolve("h/series")).doesNotExist();
    }

    @Test
    void aNameWithAControlCharacterIsRefusedNamingTheFile() throws Exception {
        Path file = Files.writeString(work.resolve("esc.json"), Files.readString(night(1))
                .replace("\"dataset\": \"mail_query\"", "\"dataset\": \"mail\\u001b[2Jquery\""));

        JarRun ingest = run("bench", "ingest", "--history", "h", "--build", "1", file.toString());

        assertOneLineError(ingest, "esc.json", "control character");
        assertThat(ingest.stderr()).doesNotContain("\u001b");
    }

    // --- builds are never merged in silence

    @Test
    void aBuildThatHoldsValuesOrIsOlderWarnsOrIsRefusedWithStrict() throws Exception {
        String history = work.resolve("h").toString();
        assertThat(run("bench", "ingest", "--history", history, "--build", "2", night(1).toString()).exitCode()).isZero();

        JarRun strict = run("bench", "ingest", "--history", history, "--build", "2", "--strict", night(2).toString());
        JarRun merged = run("bench", "ingest", "--history", history, "--build", "2", night(2).toString());
        JarRun older = run("bench", "ingest", "--history", history, "--build", "1", night(3).toString());
        JarRun again = run("bench", "ingest", "--history", history, "--build", "1", "--strict", night(3).toString());

        assertOneLineError(strict, "build 2 already holds values; refused (--strict), nothing was stored");
        assertThat(merged.exitCode()).isZero();
        assertThat(merged.stderr()).contains("nightly: warning: build 2 already holds values");
        assertThat(older.exitCode()).isZero();
        assertThat(older.stderr()).contains("nightly: warning: build 1 is older than the newest build in the store, 2");
        assertThat(again.exitCode()).as("nothing new: nothing merged").isZero();
        assertThat(again.stderr()).isEmpty();
    }

    @Test
    void aFileThatWouldCreateTooManySeriesIsRefusedUnlessAllowed() throws Exception {
        StringBuilder columns = new StringBuilder("{\"name\": \"run\", \"unit\": \"\", \"value\": 1}");
        for (int i = 0; i < 30; i++) {
            columns.append(", {\"name\": \"m").append(i).append("\", \"unit\": \"ms\", \"value\": ").append(i).append('}');
        }
        Path file = Files.writeString(work.resolve("many.json"), "{\"dataset\": \"d\", \"rows\": [{\"columns\": [" + columns
                + "], \"commit\": \"abcdef1\", \"timestamp\": \"2026-11-20T03:00:00\"}]}");

        JarRun refused = run("bench", "ingest", "--history", "h", "--build", "1", "--max-new-series", "20", file.toString());
        JarRun allowed = run("bench", "ingest", "--history", "h", "--build", "1", "--max-new-series", "30", file.toString());

        assertOneLineError(refused, "many.json: would create 30 new series, more than 20", "--max-new-series");
        assertThat(allowed.exitCode()).as(allowed.stderr()).isZero();
        assertThat(allowed.stdout()).contains("30 new series");
    }

    // --- the machine says no

    private static boolean mount(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("mount"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor() == 0;
    }

    private static void umount(Path dir) throws Exception {
        new ProcessBuilder("umount", dir.toString()).redirectErrorStream(true).start().waitFor();
    }

    @Test
    void aFullDiskIsOneLineNamingTheFileAndExitCode2() throws Exception {
        Path full = Files.createDirectories(work.resolve("full"));
        assumeTrue(mount("-t", "tmpfs", "-o", "size=64k", "tmpfs", full.toString()), "needs root to mount a small tmpfs");
        try {
            Path history = work.resolve("h");
            assertThat(run("bench", "ingest", "--history", history.toString(), "--build", "1", night(1).toString()).exitCode()).isZero();
            StringBuilder columns = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                columns.append(i == 0 ? "" : ", ").append("{\"name\": \"m").append(i).append("\", \"unit\": \"ms\", \"value\": 1}");
            }
            Path wide = Files.writeString(work.resolve("wide.json"), "{\"dataset\": \"wide\", \"rows\": [{\"columns\": ["
                    + columns + "], \"commit\": \"abcdef1\", \"timestamp\": \"2026-11-20T03:00:00\"}]}");

            JarRun ingest = run("bench", "ingest", "--history", full.resolve("h").toString(), "--build", "1", wide.toString());
            JarRun report = run("bench", "report", "--history", history.toString(), "--out", full.resolve("report").toString());

            assertOneLineError(ingest, full.resolve("h").toString(), "/series/wide-", "No space left on device");
            assertOneLineError(report, full.resolve("report").toString(), "No space left on device");
        } finally {
            umount(full);
        }
    }

    @Test
    void aReadOnlyDirectoryIsOneLineNamingTheFileAndExitCode2() throws Exception {
        Path readOnly = Files.createDirectories(work.resolve("ro"));
        assumeTrue(mount("--bind", readOnly.toString(), readOnly.toString()), "needs root for a bind mount");
        try {
            assertThat(mount("-o", "remount,ro,bind", readOnly.toString())).isTrue();

            JarRun ingest = run("bench", "ingest", "--history", readOnly.resolve("h").toString(), "--build", "1", night(1).toString());

            assertOneLineError(ingest, readOnly.resolve("h").toString(), "Read-only file system");
        } finally {
            umount(readOnly);
        }
    }

    @Test
    void aForbiddenDirectoryIsOneLineNamingTheFileAndExitCode2() throws Exception {
        // As root nothing is forbidden: the jar runs as nobody, in directories it may read but not write.
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) && "root".equals(System.getProperty("user.name")),
                "needs root and setpriv to run as another user");
        for (Path dir = work; dir != null; dir = dir.getParent()) {
            if (dir.startsWith(Path.of(System.getProperty("java.io.tmpdir")))) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Path denied = Files.createDirectories(work.resolve("denied"));
        Path history = work.resolve("h");
        assertThat(run("bench", "ingest", "--history", history.toString(), "--build", "1", night(1).toString()).exitCode()).isZero();
        List<String> nobody = List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");

        JarRun ingest = runAs(nobody, Map.of(), "bench", "ingest", "--history", denied.toString(), "--build", "1",
                night(1).toString());
        JarRun report = runAs(nobody, Map.of(), "bench", "report", "--history", history.toString(), "--out",
                denied.resolve("r").toString());

        assertOneLineError(ingest, denied.resolve(".lock").toString(), "permission denied");
        assertOneLineError(report, denied.resolve("r").toString(), "permission denied");
    }

    @Test
    void tooLittleMemorySaysWhatWasTooLarge() throws Exception {
        Path huge = work.resolve("huge.json");
        try (Writer out = Files.newBufferedWriter(huge, StandardCharsets.UTF_8)) {
            out.write("{\"dataset\": \"huge\", \"rows\": [");
            for (int row = 0; row < 200_000; row++) {
                out.write(row == 0 ? "{\"columns\": [" : ", {\"columns\": [");
                for (int i = 0; i < 10; i++) {
                    out.write((i == 0 ? "" : ", ") + "{\"name\": \"m" + i + "\", \"unit\": \"ms\", \"value\": " + (row + i) + "}");
                }
                out.write(String.format("], \"commit\": \"abc%x\", \"timestamp\": \"2026-11-20T03:%02d:%02d.%03d\"}",
                        row, row / 60_000 % 60, row / 1000 % 60, row % 1000));
            }
            out.write("]}");
        }

        JarRun ingest = runAs(List.of(), Map.of("JAVA_TOOL_OPTIONS", "-Xmx24m"), "bench", "ingest", "--history", "h",
                "--build", "1", huge.toString());

        assertOneLineError(ingest, "reading " + huge, " MB) needs more memory than this JVM has (24 MB of heap)");
    }
}

package dev.nightly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code nightly} launcher's class data sharing archive: made by a command's first run, mapped by the
 * runs after, made again when the jar changes, and never able to break a run when it is stale, cut short
 * or damaged.
 */
class LauncherIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path JAR = Path.of(System.getProperty("nightly.jar", "target/nightly.jar")).toAbsolutePath();

    @TempDir
    Path temp;

    record Run(int exit, String stdout, String stderr, String classLog) {
        boolean mappedArchive() {
            return classLog.contains("source: shared objects file (top)");
        }
    }

    @Test
    void theArchiveIsMadeOnceUsedAfterAndNeverBreaksARun() throws Exception {
        Path jar = Files.copy(JAR, temp.resolve("nightly.jar"));
        Path archive = temp.resolve("nightly-bench-ingest.jsa");

        Run first = launcher(jar, "bench", "ingest", "--help");
        assertThat(first.exit()).as(first.stderr()).isZero();
        assertThat(first.stdout()).startsWith("Usage: nightly bench ingest");
        assertThat(first.mappedArchive()).isFalse();
        assertThat(archive).isRegularFile();
        assertThat(temp.resolve("nightly-bench-ingest.jsa.stamp")).isRegularFile();
        try (var files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }

        Run second = launcher(jar, "bench", "ingest", "--help");
        assertThat(second.exit()).as(second.stderr()).isZero();
        assertThat(second.stdout()).isEqualTo(first.stdout());
        assertThat(second.stderr()).isEmpty();
        assertThat(second.mappedArchive()).isTrue();

        // Cut short (a full disk, a crash while copying): the JVM would crash mapping it; the launcher makes it anew.
        try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 2);
        }
        Run truncated = launcher(jar, "bench", "ingest", "--help");
        assertThat(truncated.exit()).as(truncated.stderr()).isZero();
        assertThat(truncated.stdout()).isEqualTo(first.stdout());
        assertThat(truncated.mappedArchive()).isFalse();
        assertThat(launcher(jar, "bench", "ingest", "--help").mappedArchive()).isTrue();

        // Damaged in place, at its recorded size: the JVM checks it, runs without it, and says nothing on stdout.
        byte[] bytes = Files.readAllBytes(archive);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 4096; i++) {
            bytes[i] ^= 0x5a;
        }
        Files.write(archive, bytes);
        Run damaged = launcher(jar, "bench", "ingest", "--help");
        assertThat(damaged.exit()).as(damaged.stderr()).isZero();
        assertThat(damaged.stdout()).isEqualTo(first.stdout());
        assertThat(damaged.mappedArchive()).isFalse();

        // A new jar (here: a new time stamp) makes the archive anew at its first run; it is mapped after.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        String stamp = Files.readString(temp.resolve("nightly-bench-ingest.jsa.stamp"));
        Run changed = launcher(jar, "bench", "ingest", "--help");
        assertThat(changed.exit()).as(changed.stderr()).isZero();
        assertThat(changed.mappedArchive()).isFalse();
        assertThat(Files.readString(temp.resolve("nightly-bench-ingest.jsa.stamp"))).isNotEqualTo(stamp);
        assertThat(launcher(jar, "bench", "ingest", "--help").mappedArchive()).isTrue();

        // Another command has an archive of its own; NIGHTLY_CDS=0 uses none and makes none.
        assertThat(launcher(jar, "--version").exit()).isZero();
        assertThat(temp.resolve("nightly.jsa")).isRegularFile();
        Files.delete(temp.resolve("nightly.jsa"));
        Run off = run(jar, List.of("NIGHTLY_CDS=0"), "--version");
        assertThat(off.exit()).isZero();
        assertThat(off.mappedArchive()).isFalse();
        assertThat(temp.resolve("nightly.jsa")).doesNotExist();
    }

    private Run launcher(Path jar, String... args) throws Exception {
        return run(jar, List.of(), args);
    }

    private Run run(Path jar, List<String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("nightly").toString()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(temp, "stdout", ".txt");
        Path stderr = Files.createTempFile(temp, "stderr", ".txt");
        Path classLog = Files.createTempFile(temp, "classes", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().put("NIGHTLY_JAR", jar.toString());
        builder.environment().put("NIGHTLY_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + builder.environment().get("PATH"));
        for (String pair : env) {
            builder.environment().put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8), Files.readString(classLog, StandardCharsets.UTF_8));
    }
}

package dev.nightly.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code nightly} jar run as a real process, the way users and other tools run it.
 *
 * @param exitCode its exit status
 * @param stdout   what it printed on standard output
 * @param stderr   what it printed on standard error
 */
public record JarRun(int exitCode, String stdout, String stderr) {
    public static final Path JAR = Path.of(System.getProperty("nightly.jar", "target/nightly.jar")).toAbsolutePath();

    /** Runs {@code java -jar nightly.jar args...} in {@code workDir}; fails after two minutes. */
    public static JarRun of(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("nightly-out", ".txt");
        Path err = Files.createTempFile("nightly-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("nightly " + String.join(" ", args) + " did not finish in two minutes");
            }
            return new JarRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }
        finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

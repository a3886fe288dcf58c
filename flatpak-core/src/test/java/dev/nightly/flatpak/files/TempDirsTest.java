package dev.nightly.flatpak.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leftovers of killed processes are told from directories in use by their lock, not by a pid. */
class TempDirsTest {
    @TempDir
    Path base;

    /** Run in a child JVM: creates a directory, prints it, and waits to be killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            TempDirs.Owned owned = TempDirs.create(Path.of(args[0]), args[1]);
            System.out.println(owned.dir());
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    private Process hold() throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Holder.class.getName(), base.toString(), "nfg").start();
    }

    private static Path dirOf(Process process) throws Exception {
        return Path.of(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine());
    }

    @Test
    void removesOnlyTheDirectoriesOfProcessesThatAreGone() throws Exception {
        Process killed = hold();
        Process alive = hold();
        try {
            Path killedDir = dirOf(killed);
            Path aliveDir = dirOf(alive);
            Files.writeString(killedDir.resolve("secring"), "secret key material");
            killed.destroyForcibly();
            assertThat(killed.waitFor(1, TimeUnit.MINUTES)).isTrue();
            Path foreign = Files.createDirectory(base.resolve("nfg-without-lock"));
            Path other = Files.createDirectory(base.resolve("other"));
            List<Path> seen = new ArrayList<>();
            try (TempDirs.Owned ours = TempDirs.create(base, "nfg")) {
                assertThat(Files.getPosixFilePermissions(ours.dir())).isEqualTo(PosixFilePermissions.fromString("rwx------"));

                List<Path> removed = TempDirs.removeStale(base, "nfg", seen::add);

                assertThat(removed).containsExactly(killedDir);
                assertThat(seen).containsExactly(killedDir);
                assertThat(killedDir).doesNotExist();
                assertThat(aliveDir).exists();
                assertThat(ours.dir()).exists();
                assertThat(ours.dir().resolve(TempDirs.LOCK_FILE)).exists();
                assertThat(foreign).exists();
                assertThat(other).exists();
                // probing did not release a lock this JVM holds
                assertThat(TempDirs.removeStale(base, "nfg", seen::add)).isEmpty();
            }
        } finally {
            killed.destroyForcibly();
            alive.destroyForcibly();
        }
    }
}

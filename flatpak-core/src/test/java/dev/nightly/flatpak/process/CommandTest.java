package dev.nightly.flatpak.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightly.flatpak.FlatpakFailureException;
import dev.nightly.flatpak.FlatpakInputException;
import dev.nightly.flatpak.TestLog;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTest {
    @TempDir
    Path dir;

    @Test
    void displaysSecretArgumentsMasked() {
        Command command = Command.of("tool").arg("--user").secretArg("--token=s3cr3t").arg("two words").build();

        assertThat(command.toDisplayString()).isEqualTo("tool --user **** 'two words'");
        assertThat(command.masks()).containsExactly(false, false, true, false);
        assertThat(command.arguments()).containsExactly("tool", "--user", "--token=s3cr3t", "two words");
    }

    @Test
    void runsARealProcessWithEnvironmentAndDirectoryAndLogsTheMaskedCommandLine() {
        TestLog log = new TestLog();
        CommandExecutor executor = new CommandExecutor(new JdkCommandRunner(log.stream(), java.util.Map.of("BASE", "b")), log.stream());

        String out = executor.capture(Command.of("sh").args("-c", "echo $BASE $EXTRA $(pwd); echo warning >&2", "sh")
                .secretArg("hunter2").env("EXTRA", "e").workingDirectory(dir).build());

        assertThat(out).isEqualTo("b e " + dir + "\n");
        assertThat(log.text()).contains("$ sh -c 'echo $BASE $EXTRA $(pwd); echo warning >&2' sh ****\n")
                .contains("warning\n").doesNotContain("hunter2");
    }

    @Test
    void failureNamesTheProgramTheExitCodeAndTheLastErrorLineButNoSecret() {
        TestLog log = new TestLog();
        CommandExecutor executor = new CommandExecutor(new JdkCommandRunner(log.stream()), log.stream());

        assertThatThrownBy(() -> executor.run(Command.of("sh").args("-c", "echo first >&2; echo 'error: it broke' >&2; exit 3")
                .secretArg("hunter2").build()))
                .isInstanceOf(FlatpakFailureException.class)
                .hasMessageStartingWith("sh failed with exit code 3: error: it broke (command: sh -c ")
                .hasMessageEndingWith(" ****)")
                .message().doesNotContain("hunter2");
    }

    @Test
    void missingProgramIsBadInput() {
        CommandExecutor executor = new CommandExecutor(new JdkCommandRunner(new TestLog().stream()), System.out);

        assertThatThrownBy(() -> executor.requirePrograms("rsync", "/nonexistent/gpg"))
                .isInstanceOf(FlatpakInputException.class)
                .hasMessage("/nonexistent/gpg is not installed (or not on the PATH): install it, e.g. the Debian package gnupg");
    }

    @Test
    void binaryOutputIsCapturedUnchanged() {
        CommandExecutor executor = new CommandExecutor(new JdkCommandRunner(new TestLog().stream()), System.out);
        byte[] bytes = executor.captureBytes(Command.of("printf").arg("\\000\\377\\n").build());
        assertThat(bytes).containsExactly(0, 0xff, '\n');
    }
}

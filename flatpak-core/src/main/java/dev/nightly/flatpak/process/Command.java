package dev.nightly.flatpak.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One command to run: the argument vector, environment overrides (added to the runner's own
 * environment), an optional working directory, and which arguments are secret. Secret arguments are
 * shown as {@code ****} wherever the command line is displayed. The engine avoids secret arguments
 * altogether (it passes secrets through files), the marking is the second line of defence.
 *
 * <p>The shape matches what a Jenkins {@code Launcher.ProcStarter} takes: {@code cmds}, {@code envs},
 * {@code pwd} and {@code masks}.
 */
public final class Command {
    /** What a secret argument looks like in logs. */
    public static final String MASK = "****";

    private final List<String> arguments;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final BitSet secret;

    private Command(List<String> arguments, Map<String, String> environment, Path workingDirectory, BitSet secret) {
        this.arguments = List.copyOf(arguments);
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
        this.secret = (BitSet) secret.clone();
    }

    /** Starts a command line with the program to run. */
    public static Builder of(String program) {
        return new Builder().arg(program);
    }

    public List<String> arguments() {
        return arguments;
    }

    /** The program, {@code arguments().get(0)}. */
    public String program() {
        return arguments.get(0);
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Optional<Path> workingDirectory() {
        return Optional.ofNullable(workingDirectory);
    }

    /** Whether argument {@code index} must never be displayed. */
    public boolean isSecret(int index) {
        return secret.get(index);
    }

    /** One flag per argument, true for secret ones: the form {@code ProcStarter.masks(boolean...)} takes. */
    public boolean[] masks() {
        boolean[] masks = new boolean[arguments.size()];
        for (int i = 0; i < masks.length; i++) {
            masks[i] = secret.get(i);
        }
        return masks;
    }

    /** The command line for logs and error messages: secret arguments masked, others quoted if needed. */
    public String toDisplayString() {
        return IntStream.range(0, arguments.size())
                .mapToObj(i -> secret.get(i) ? MASK : quote(arguments.get(i)))
                .collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return toDisplayString();
    }

    private static String quote(String argument) {
        if (!argument.isEmpty() && argument.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:,@+%^".indexOf(c) >= 0)) {
            return argument;
        }
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    /** Fluent builder of a {@link Command}. */
    public static final class Builder {
        private final List<String> arguments = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final BitSet secret = new BitSet();
        private Path workingDirectory;

        private Builder() {
        }

        public Builder arg(String argument) {
            arguments.add(Objects.requireNonNull(argument, "argument"));
            return this;
        }

        public Builder args(String... more) {
            for (String argument : more) {
                arg(argument);
            }
            return this;
        }

        public Builder args(List<String> more) {
            more.forEach(this::arg);
            return this;
        }

        /** Adds {@code --name=value} when value is non-null. */
        public Builder option(String name, Object value) {
            if (value != null) {
                arg(name + "=" + value);
            }
            return this;
        }

        /** Adds an argument that is masked in every display of this command. */
        public Builder secretArg(String argument) {
            secret.set(arguments.size());
            return arg(argument);
        }

        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> more) {
            environment.putAll(more);
            return this;
        }

        public Builder workingDirectory(Path directory) {
            this.workingDirectory = directory;
            return this;
        }

        public Command build() {
            return new Command(arguments, environment, workingDirectory, secret);
        }
    }
}

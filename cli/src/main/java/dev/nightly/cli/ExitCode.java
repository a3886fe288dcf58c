package dev.nightly.cli;

/** The exit codes that scripts and other tools rely on. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_INPUT = 2;
    public static final int UNSTABLE = 3;
    public static final int FAILURE = 4;
    /** {@code bench verify} (or a repair that could not mend everything) found problems in a history store. */
    public static final int DAMAGED = 5;

    private ExitCode() {
    }
}

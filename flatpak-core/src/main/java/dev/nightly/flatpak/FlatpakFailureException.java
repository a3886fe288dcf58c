package dev.nightly.flatpak;

/**
 * A step failed although the input looked right: a command exited non-zero, or verification of a
 * published repository found it inconsistent. The message names the step; it never contains a secret.
 */
public class FlatpakFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FlatpakFailureException(String message) {
        super(message);
    }

    public FlatpakFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}

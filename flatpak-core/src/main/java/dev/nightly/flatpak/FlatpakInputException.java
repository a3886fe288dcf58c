package dev.nightly.flatpak;

/**
 * Bad input to the Flatpak engine: a missing or invalid manifest, an unknown GPG key, a tool that is
 * not installed, a destination that cannot be written. The message is one line that says what is
 * wrong and what to fix; it never contains a secret. Nothing has been published when this is thrown.
 */
public class FlatpakInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FlatpakInputException(String message) {
        super(message);
    }

    public FlatpakInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

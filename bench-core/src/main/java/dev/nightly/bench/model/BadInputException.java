package dev.nightly.bench.model;

/**
 * Input that the engine refuses: a malformed results file, a bad definition, a bad checks file, a
 * damaged history store. The message is one line that says what is wrong and where (file, dataset,
 * row, column), fit to be shown to a user as it is.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.nightly.bench.changes;

import dev.nightly.bench.model.BadInputException;
import java.util.Locale;

/** What someone decided about a change point. */
public enum AckStatus {
    /** Meant to happen (with a note): the new level is the baseline from then on. */
    EXPECTED("expected"),
    /** A bug (with a link): the change stays open and is shown as known. */
    BUG("bug"),
    /** Not a change (a machine that was replaced, a bad night): suppressed. */
    NO_CHANGE("no-change");

    private final String text;

    AckStatus(String text) {
        this.text = text;
    }

    /** {@code expected}, {@code bug} or {@code no-change}: how the CLI and the acknowledgements file write it. */
    public String text() {
        return text;
    }

    public static AckStatus parse(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (AckStatus status : values()) {
            if (status.text.equals(wanted)) {
                return status;
            }
        }
        throw new BadInputException("acknowledgement status must be expected, bug or no-change, found \"" + text + "\"");
    }
}

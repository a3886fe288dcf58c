package io.jenkins.plugins.hawd.changes;

import dev.nightly.bench.changes.AckStatus;
import dev.nightly.bench.model.BadInputException;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A decision about a change point as the Changes page's form sends it, checked: the form is untrusted input.
 *
 * @param series the series id
 * @param build  the build of the change point
 * @param status the decision
 * @param note   the note (expected, no-change) or the bug's link (bug)
 */
record AckForm(String series, long build, AckStatus status, String note) {
    static final int MAX_SERIES = 1000;
    static final int MAX_NOTE = 500;

    /**
     * Checks the form's fields.
     *
     * @throws BadInputException with a one-line message that names the field
     */
    static AckForm read(@CheckForNull String series, @CheckForNull String build, @CheckForNull String status,
                        @CheckForNull String note) {
        String id = series == null ? "" : series.strip();
        if (id.isEmpty()) {
            throw new BadInputException("series: missing");
        }
        if (id.length() > MAX_SERIES || hasControl(id)) {
            throw new BadInputException("series: not a series id (at most " + MAX_SERIES + " characters, one line)");
        }
        String number = build == null ? "" : build.strip();
        if (!number.matches("[0-9]{1,18}") || Long.parseLong(number) < 1) {
            throw new BadInputException("build: must be a build number, found \"" + shorten(number) + "\"");
        }
        AckStatus decision;
        try {
            decision = AckStatus.parse(status);
        }
        catch (BadInputException e) {
            throw new BadInputException("status: must be expected, bug or no-change, found \"" + shorten(status) + "\"");
        }
        String text = note == null ? "" : note.strip();
        if (text.length() > MAX_NOTE) {
            throw new BadInputException("note: at most " + MAX_NOTE + " characters, found " + text.length());
        }
        if (hasControl(text)) {
            throw new BadInputException("note: must be one line of text");
        }
        if (decision == AckStatus.EXPECTED && text.isEmpty()) {
            throw new BadInputException("note: say why the change is expected");
        }
        if (decision == AckStatus.BUG && !isWebLink(text)) {
            throw new BadInputException("note: a bug needs its link, an http(s) address, found \"" + shorten(text) + "\"");
        }
        return new AckForm(id, Long.parseLong(number), decision, text);
    }

    private static boolean isWebLink(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        }
        catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    /** Input echoed in a message: one line, at most 60 characters. */
    private static String shorten(@CheckForNull String text) {
        String line = text == null ? "" : text.replaceAll("\\p{Cntrl}", " ");
        return line.length() <= 60 ? line : line.substring(0, 59) + "…";
    }
}

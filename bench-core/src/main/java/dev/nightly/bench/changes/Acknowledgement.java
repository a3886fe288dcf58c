package dev.nightly.bench.changes;

import java.time.Instant;
import java.util.Objects;

/**
 * One decision about one change point, as a line of the store's acknowledgements file.
 *
 * @param series the series id ({@code mail_query/queryTime{rows=5000}})
 * @param build  the build the change came with (the first build at the new level)
 * @param status what was decided
 * @param note   a note (expected), a link (bug) or why (no-change); possibly empty
 * @param user   who decided
 * @param time   when
 */
public record Acknowledgement(String series, long build, AckStatus status, String note, String user, Instant time)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public Acknowledgement {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(time, "time");
        note = note == null ? "" : note;
        user = user == null ? "" : user;
    }
}

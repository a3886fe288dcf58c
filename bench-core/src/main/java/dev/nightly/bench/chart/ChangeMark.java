package dev.nightly.bench.chart;

import dev.nightly.bench.changes.ChangeStatus;
import dev.nightly.bench.changes.TrackedChange;
import dev.nightly.bench.model.Numbers;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A change point drawn on a trend line: a vertical mark at the build its new level starts with, coloured by
 * direction (regression red, improvement green) and status (an expected change grey, a known bug dashed).
 *
 * @param build      the first build at the new level
 * @param time       when that build measured (for the time axis)
 * @param regression whether it made the series worse
 * @param status     where it stands; {@link ChangeStatus#NOT_A_CHANGE} is not drawn
 * @param label      what the mark says on the chart: {@code ▲ +28.1%} (the arrow the way the values moved)
 * @param text       a short explanation: {@code regression +28.1% at build 12 (commit d3454576f), open}
 */
public record ChangeMark(long build, LocalDateTime time, boolean regression, ChangeStatus status, String label, String text) {
    public ChangeMark {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(status, "status");
        label = label == null ? "" : label;
        text = text == null ? "" : text;
    }

    public static ChangeMark of(TrackedChange tracked) {
        var change = tracked.change();
        String commit = change.firstAfter().commit();
        return new ChangeMark(change.build(), change.firstAfter().time(), change.isRegression(), tracked.status(),
                (change.changePercent() >= 0 ? "▲ " : "▼ ") + Numbers.percent(change.changePercent())
                        + (tracked.status() == ChangeStatus.OPEN ? "" : " " + tracked.status().text()),
                change.kind() + " " + Numbers.percent(change.changePercent()) + " at build " + change.build()
                        + (commit.isEmpty() ? "" : " (commit " + commit + ")") + ", " + tracked.status().text());
    }

    public boolean isDrawn() {
        return status != ChangeStatus.NOT_A_CHANGE;
    }
}

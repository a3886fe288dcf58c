package io.jenkins.plugins.hawd.changes;

import dev.nightly.bench.changes.Acknowledgement;
import dev.nightly.bench.changes.AckStatus;
import dev.nightly.bench.changes.ChangePoint;
import dev.nightly.bench.changes.TrackedChange;
import dev.nightly.bench.chart.TrendLine;
import dev.nightly.bench.model.Numbers;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.hawd.trend.SeriesLinks;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** One change point on the Changes page: what changed, where, how sure, what was decided, and the commits. */
public final class ChangeRow {
    private final TrackedChange tracked;
    private final List<CommitRow> commits;
    private final String buildsNote;

    ChangeRow(TrackedChange tracked, List<CommitRow> commits, String buildsNote) {
        this.tracked = tracked;
        this.commits = List.copyOf(commits);
        this.buildsNote = buildsNote;
    }

    private ChangePoint change() {
        return tracked.change();
    }

    public String getSeriesId() {
        return change().key().id();
    }

    /** The series' token in {@code benchmarks/series/TOKEN/}. */
    public String getSeriesToken() {
        return SeriesLinks.token(getSeriesId());
    }

    public String getDataset() {
        return change().key().dataset();
    }

    /** {@code queryTime [ms] (rows=5000)}, as the chart legends name the series. */
    public String getLabel() {
        return TrendLine.labelOf(change().key(), change().unit());
    }

    public boolean isRegression() {
        return change().isRegression();
    }

    /** {@code regression} or {@code improvement}. */
    public String getKind() {
        return change().kind();
    }

    /** Jenkins' colour class suffix: {@code jenkins-!-error-color} for a regression. */
    public String getKindTone() {
        return isRegression() ? "error" : "success";
    }

    public String getKindSymbol() {
        // Which way the values moved (a regression of a rate goes down).
        return change().change() >= 0 ? "symbol-chevron-up" : "symbol-chevron-down";
    }

    /** {@code +28.1%}. */
    public String getPercentText() {
        return Numbers.percent(change().changePercent());
    }

    public double getPercent() {
        return change().changePercent();
    }

    /** {@code +60.5 ms}. */
    public String getChangeText() {
        double delta = change().change();
        return (delta > 0 ? "+" : "") + Numbers.format(delta) + unitSuffix();
    }

    /** {@code 215.5 → 276 ms}. */
    public String getLevelText() {
        return Numbers.format(change().levelBefore()) + " → " + Numbers.format(change().levelAfter()) + unitSuffix();
    }

    private String unitSuffix() {
        return change().unit().isEmpty() ? "" : " " + change().unit();
    }

    /** The permutation test's p-value: {@code p = 0.001}. */
    public String getSignificanceText() {
        return "p = " + Numbers.format(change().pValue());
    }

    /** The first build at the new level. */
    public long getBuild() {
        return change().build();
    }

    public String getCommit() {
        return change().firstAfter().commit();
    }

    /** The last build at the old level. */
    public long getBuildBefore() {
        return change().lastBefore().build();
    }

    public String getCommitBefore() {
        return change().lastBefore().commit();
    }

    /** {@code open}, {@code bug}, {@code expected} or {@code no-change}. */
    public String getStatus() {
        return tracked.status().text();
    }

    /** What the status badge says. */
    public String getStatusText() {
        return switch (tracked.status()) {
            case OPEN -> "open";
            case KNOWN_BUG -> "known bug";
            case EXPECTED -> "expected";
            case NOT_A_CHANGE -> "not a change";
        };
    }

    /** Jenkins' colour class suffix of the status badge. */
    public String getStatusTone() {
        return switch (tracked.status()) {
            case OPEN -> isRegression() ? "warning" : "info";
            case KNOWN_BUG -> "error";
            case EXPECTED -> "success";
            case NOT_A_CHANGE -> "skipped";
        };
    }

    public String getStatusSymbol() {
        return switch (tracked.status()) {
            case OPEN -> "symbol-help-circle";
            case KNOWN_BUG -> "symbol-warning";
            case EXPECTED -> "symbol-check";
            case NOT_A_CHANGE -> "symbol-close-circle";
        };
    }

    public boolean isAcknowledged() {
        return tracked.acknowledgement().isPresent();
    }

    /** The note of the decision (a bug's link is {@link #getNoteLink()} too). */
    public String getNote() {
        return tracked.acknowledgement().map(Acknowledgement::note).orElse("");
    }

    /** A bug's link, when it is a web address. */
    @CheckForNull
    public String getNoteLink() {
        return tracked.acknowledgement().filter(a -> a.status() == AckStatus.BUG).map(a -> CommitRow.webLink(a.note())).orElse(null);
    }

    public String getUser() {
        return tracked.acknowledgement().map(Acknowledgement::user).orElse("");
    }

    /** When it was decided, in UTC to the second: {@code 2026-11-28T09:12:00Z}. */
    public String getTime() {
        return tracked.acknowledgement().map(a -> a.time().truncatedTo(ChronoUnit.SECONDS).toString()).orElse("");
    }

    /** The commits of the builds after the last build before, up to the first build after. */
    public List<CommitRow> getCommits() {
        return commits;
    }

    /** What the commit list leaves out or could not read (builds deleted, more builds or commits), or empty. */
    public String getBuildsNote() {
        return buildsNote;
    }
}

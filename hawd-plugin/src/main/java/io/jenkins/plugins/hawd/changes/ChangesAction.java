package io.jenkins.plugins.hawd.changes;

import dev.nightly.bench.changes.Acknowledgement;
import dev.nightly.bench.changes.ChangeStatus;
import dev.nightly.bench.changes.TrackedChange;
import dev.nightly.bench.model.BadInputException;
import dev.nightly.bench.store.HistorySnapshot;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.User;
import io.jenkins.plugins.hawd.history.JobHistory;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.POST;

/**
 * The job's "Benchmark Changes" page ({@code job/NAME/benchmark-changes/}): the change points of its history,
 * newest first, each with the commits of the builds it came with, and the forms that acknowledge them. The
 * list only reads the history ({@link JobChanges}); an acknowledgement is appended to the store's
 * acknowledgements file by the engine. Named apart from Jenkins' own "Changes" page of a job (its commits).
 */
public class ChangesAction implements Action {
    private static final Logger LOGGER = Logger.getLogger(ChangesAction.class.getName());
    /** Change points whose builds are loaded for their commits; older ones link to their builds only. */
    static final int ROWS_WITH_COMMITS = 50;
    /** Builds between the last build before and the first build after whose commits are listed. */
    static final int BUILDS_PER_CHANGE = 10;
    static final int COMMITS_PER_CHANGE = 50;

    private final Job<?, ?> job;

    public ChangesAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    @Override
    public String getIconFileName() {
        return "symbol-notifications";
    }

    @Override
    public String getDisplayName() {
        return "Benchmark Changes";
    }

    @Override
    public String getUrlName() {
        return "benchmark-changes";
    }

    /** Whether the current user may acknowledge (the page shows the forms only then). */
    public boolean isConfigurable() {
        return job.hasPermission(Item.CONFIGURE);
    }

    /** What the page shows, read once per view. */
    public Listing getListing() {
        job.checkPermission(Item.READ);
        try {
            HistorySnapshot snapshot = JobHistory.of(job).snapshot();
            List<TrackedChange> changes = new ArrayList<>(JobChanges.of(snapshot).all());
            changes.sort(Comparator.comparingLong((TrackedChange c) -> -c.change().build()).thenComparing(c -> c.change().key()));
            List<ChangeRow> rows = new ArrayList<>(changes.size());
            for (TrackedChange change : changes) {
                rows.add(rows.size() < ROWS_WITH_COMMITS ? withCommits(change) : new ChangeRow(change, List.of(),
                        "see builds #" + (change.change().lastBefore().build() + 1) + " to #" + change.change().build()));
            }
            return new Listing(rows, summary(changes), null);
        }
        catch (BadInputException | UncheckedIOException e) {
            String problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOGGER.log(Level.FINE, "The benchmark changes of " + job.getFullName() + " cannot be listed", e);
            return new Listing(List.of(), "", problem);
        }
    }

    /**
     * The commits of the builds after the last build before the change, up to the first build after it: the
     * commits that may have made it. Only these builds are loaded.
     */
    private ChangeRow withCommits(TrackedChange change) {
        long first = change.change().lastBefore().build() + 1;
        long last = change.change().build();
        List<String> notes = new ArrayList<>();
        if (last - first + 1 > BUILDS_PER_CHANGE) {
            notes.add("commits of builds #" + first + " to #" + (last - BUILDS_PER_CHANGE) + " not shown");
            first = last - BUILDS_PER_CHANGE + 1;
        }
        List<CommitRow> commits = new ArrayList<>();
        List<Long> deleted = new ArrayList<>();
        for (long number = first; number <= last; number++) {
            Run<?, ?> run = number <= Integer.MAX_VALUE ? job.getBuildByNumber((int) number) : null;
            if (run == null) {
                deleted.add(number);
                continue;
            }
            int left = COMMITS_PER_CHANGE - commits.size();
            if (left <= 0) {
                notes.add("more commits in build #" + number + " and later");
                break;
            }
            commits.addAll(CommitRow.of(run, left));
        }
        if (!deleted.isEmpty()) {
            notes.add("build" + (deleted.size() == 1 ? " #" : "s #") + String.join(", #", deleted.stream().map(String::valueOf).toList())
                    + (deleted.size() == 1 ? " is" : " are") + " deleted");
        }
        return new ChangeRow(change, commits, String.join("; ", notes));
    }

    private static String summary(List<TrackedChange> changes) {
        Map<ChangeStatus, Integer> counts = new EnumMap<>(ChangeStatus.class);
        changes.forEach(c -> counts.merge(c.status(), 1, Integer::sum));
        StringBuilder text = new StringBuilder().append(changes.size()).append(changes.size() == 1 ? " change point" : " change points");
        String separator = ": ";
        for (Map.Entry<ChangeStatus, Integer> count : counts.entrySet()) {
            text.append(separator).append(count.getValue()).append(' ').append(count.getKey().text());
            separator = ", ";
        }
        return text.toString();
    }

    /**
     * Records a decision about a change point: POST and Item/Configure only, with the user and the time.
     * Bad input answers 400 with a one-line message.
     */
    @POST
    public HttpResponse doAcknowledge(@QueryParameter String series, @QueryParameter String build,
                                      @QueryParameter String status, @QueryParameter String note) {
        job.checkPermission(Item.CONFIGURE);
        AckForm form;
        try {
            form = AckForm.read(series, build, status, note);
        }
        catch (BadInputException e) {
            return badRequest(e.getMessage());
        }
        JobHistory history = JobHistory.of(job);
        if (!history.exists()) {
            return badRequest("job " + job.getFullName() + " has no benchmark history");
        }
        User user = User.current();
        try {
            HistorySnapshot snapshot = history.snapshot();
            if (snapshot.series().stream().noneMatch(s -> s.key().id().equals(form.series()))) {
                return badRequest("series " + form.series() + " is not in the benchmark history of " + job.getFullName());
            }
            Acknowledgement ack = JobChanges.tracker().acknowledge(snapshot, form.series(), form.build(), form.status(),
                    form.note(), user == null ? "anonymous" : user.getId(), Instant.now());
            LOGGER.info(() -> job.getFullName() + ": " + ack.user() + " acknowledged the change point of " + ack.series()
                    + " at build " + ack.build() + " as " + ack.status().text());
        }
        catch (BadInputException e) {
            return badRequest(e.getMessage());
        }
        return HttpResponses.redirectToDot();
    }

    /** A 400 answer with one line of text: what is wrong, and where. */
    private static HttpResponse badRequest(String message) {
        String line = message.replaceAll("\\p{Cntrl}", " ");
        return new HttpResponse() {
            @Override
            public void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node) throws IOException, ServletException {
                rsp.setStatus(400);
                rsp.setContentType("text/plain;charset=UTF-8");
                rsp.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    /**
     * The page's content.
     *
     * @param rows    the change points, newest first
     * @param summary {@code 3 change points: 2 open, 1 expected}
     * @param problem why the history cannot be read, or {@code null}
     */
    public record Listing(List<ChangeRow> rows, String summary, @CheckForNull String problem) {
        public List<ChangeRow> getRows() {
            return rows;
        }

        public String getSummary() {
            return summary;
        }

        @CheckForNull
        public String getProblem() {
            return problem;
        }
    }
}

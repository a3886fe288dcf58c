package io.jenkins.plugins.flatpak.action;

import hudson.model.Action;
import hudson.model.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import jenkins.model.RunAction2;
import jenkins.tasks.SimpleBuildStep;

/**
 * The build page's Flatpak section: what {@code flatpakBuild} exported and what {@code flatpakPublish}
 * published in this build (commits, refs, .flatpakref links, archived bundles). Small, kept in
 * build.xml; one per build, steps append to it.
 *
 * <p>It also gives the job its "Latest nightly" ({@link LatestNightlyAction}) as a
 * {@link SimpleBuildStep.LastBuildAction}: Jenkins asks only the job's last successful build, which it
 * loads for every job page anyway, so no other build is read for it and a job that never published
 * gets nothing. A failed build after the nightly leaves the nightly shown.
 */
public class FlatpakBuildAction implements RunAction2, SimpleBuildStep.LastBuildAction {
    private final List<BuiltRef> builds = new ArrayList<>();
    private final List<Publication> publications = new ArrayList<>();
    private transient Run<?, ?> run;

    /** The action of {@code run}, added if it has none yet. */
    public static synchronized FlatpakBuildAction of(Run<?, ?> run) {
        FlatpakBuildAction action = run.getAction(FlatpakBuildAction.class);
        if (action == null) {
            action = new FlatpakBuildAction();
            run.addAction(action);
        }
        return action;
    }

    /**
     * Adds what {@code flatpakBuild} exported to the build's action and writes build.xml at once: the
     * action changes after it was attached, and a controller that stops before the build ends must
     * not lose it.
     */
    public static void record(Run<?, ?> run, BuiltRef built) throws IOException {
        of(run).add(built);
        run.save();
    }

    /** Adds a publication to the build's action and writes build.xml at once (see the other record). */
    public static void record(Run<?, ?> run, Publication publication) throws IOException {
        of(run).add(publication);
        run.save();
    }

    public synchronized void add(BuiltRef built) {
        builds.add(built);
    }

    public synchronized void add(Publication publication) {
        publications.add(publication);
    }

    public synchronized List<BuiltRef> getBuilds() {
        return Collections.unmodifiableList(new ArrayList<>(builds));
    }

    public synchronized List<Publication> getPublications() {
        return Collections.unmodifiableList(new ArrayList<>(publications));
    }

    /** The last publication of this build, or null. */
    public synchronized Publication getLastPublication() {
        return publications.isEmpty() ? null : publications.get(publications.size() - 1);
    }

    @Override
    public Collection<? extends Action> getProjectActions() {
        Publication publication = getLastPublication();
        return publication == null || run == null ? List.of() : List.of(new LatestNightlyAction(run, publication));
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        return "Flatpak";
    }

    @Override
    public String getUrlName() {
        return "flatpak";
    }
}

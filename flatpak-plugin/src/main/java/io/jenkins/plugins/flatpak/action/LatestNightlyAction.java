package io.jenkins.plugins.flatpak.action;

import hudson.model.Action;
import hudson.model.Run;

/**
 * The job page's "Latest nightly": the newest publication of the job's last successful build, with its
 * install commands. It has no page of its own (no URL, no side-panel link); {@code jobMain.jelly}
 * draws it on the job's main page.
 */
public final class LatestNightlyAction implements Action {
    private final Run<?, ?> build;
    private final Publication publication;

    LatestNightlyAction(Run<?, ?> build, Publication publication) {
        this.build = build;
        this.publication = publication;
    }

    /** The build that published it. */
    public Run<?, ?> getBuild() {
        return build;
    }

    public Publication getPublication() {
        return publication;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Latest nightly Flatpak";
    }

    @Override
    public String getUrlName() {
        return null;
    }
}

package io.jenkins.plugins.flatpak.action;

/** One ref that {@code flatpakBuild} exported: kept in build.xml, shown on the build page. */
public final class BuiltRef {
    private final String ref;
    private final String commit;
    private final String repo;

    public BuiltRef(String ref, String commit, String repo) {
        this.ref = ref;
        this.commit = commit;
        this.repo = repo;
    }

    public String getRef() {
        return ref;
    }

    public String getCommit() {
        return commit;
    }

    /** The repository on the agent it was exported to. */
    public String getRepo() {
        return repo;
    }

    /** The first 12 characters of the commit, as shown in tables. */
    public String getShortCommit() {
        return Publication.shorten(commit);
    }
}

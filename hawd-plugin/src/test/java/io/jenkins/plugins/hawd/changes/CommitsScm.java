package io.jenkins.plugins.hawd.changes;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.User;
import hudson.scm.ChangeLogParser;
import hudson.scm.ChangeLogSet;
import hudson.scm.NullSCM;
import hudson.scm.RepositoryBrowser;
import hudson.scm.SCM;
import hudson.scm.SCMDescriptor;
import hudson.scm.SCMRevisionState;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * An SCM for tests that gives every build real change sets through Jenkins' own change log machinery: its
 * checkout writes a change log file into the build, and its parser reads it back with the job's repository
 * browser, as a Git or Subversion checkout does. Build N comes with commit {@link #commitOf(int)} by "dev N";
 * build {@value #EXTRA_COMMIT_BUILD} also with a commit of a vendored repository the browser has no page for.
 */
public class CommitsScm extends NullSCM {
    static final int EXTRA_COMMIT_BUILD = 12;
    static final String VENDORED = "vendor-7";

    private final String browserBase;

    public CommitsScm(String browserBase) {
        this.browserBase = browserBase;
    }

    /** The 40-digit commit id of build N. */
    public static String commitOf(int build) {
        return String.format(Locale.ROOT, "%08x", build * 2654435761L & 0xffffffffL) + "0".repeat(32);
    }

    @Override
    public void checkout(Run<?, ?> build, Launcher launcher, FilePath workspace, TaskListener listener, File changelogFile,
                         SCMRevisionState baseline) throws IOException, InterruptedException {
        int n = build.getNumber();
        StringBuilder log = new StringBuilder();
        log.append(commitOf(n)).append('\t').append("dev").append(n).append('\t').append("Change of build ").append(n)
                .append(n == EXTRA_COMMIT_BUILD ? ": a slower index <b>for</b> mail queries" : "").append('\n');
        if (n == EXTRA_COMMIT_BUILD) {
            log.append(VENDORED).append('\t').append("vendor").append('\t').append("Update the vendored parser").append('\n');
        }
        Files.writeString(changelogFile.toPath(), log, StandardCharsets.UTF_8);
    }

    @Override
    public ChangeLogParser createChangeLogParser() {
        return new Parser();
    }

    @Override
    public RepositoryBrowser<?> getBrowser() {
        return browserBase == null ? null : new Browser(browserBase);
    }

    @Override
    public SCMDescriptor<?> getDescriptor() {
        return new SCMDescriptor<SCM>(null) {
            @Override
            public String getDisplayName() {
                return "Commits for tests";
            }
        };
    }

    static final class Parser extends ChangeLogParser {
        @Override
        @SuppressWarnings("rawtypes")
        public ChangeLogSet<? extends ChangeLogSet.Entry> parse(Run build, RepositoryBrowser<?> browser, File changelogFile)
                throws IOException {
            List<Commit> commits = new ArrayList<>();
            for (String line : Files.readAllLines(changelogFile.toPath(), StandardCharsets.UTF_8)) {
                String[] fields = line.split("\t", 3);
                if (fields.length == 3) {
                    commits.add(new Commit(fields[0], fields[1], fields[2]));
                }
            }
            return new Commits(build, browser, commits);
        }
    }

    static final class Commits extends ChangeLogSet<Commit> {
        private final List<Commit> commits;

        Commits(Run<?, ?> run, RepositoryBrowser<?> browser, List<Commit> commits) {
            super(run, browser);
            this.commits = commits;
            commits.forEach(c -> c.belongTo(this));
        }

        @Override
        public boolean isEmptySet() {
            return commits.isEmpty();
        }

        @Override
        public Iterator<Commit> iterator() {
            return commits.iterator();
        }
    }

    static final class Commit extends ChangeLogSet.Entry {
        private final String id;
        private final String author;
        private final String message;

        Commit(String id, String author, String message) {
            this.id = id;
            this.author = author;
            this.message = message;
        }

        void belongTo(Commits set) {
            setParent(set);
        }

        @Override
        public String getCommitId() {
            return id;
        }

        @Override
        public String getMsg() {
            return message;
        }

        @Override
        public User getAuthor() {
            return User.getById(author, true);
        }

        @Override
        public Collection<String> getAffectedPaths() {
            return List.of("src/Query.java");
        }
    }

    /** Links a commit to {@code BASE/commit/ID}; a vendored commit has no page. */
    static final class Browser extends RepositoryBrowser<Commit> {
        private static final long serialVersionUID = 1L;
        private final String base;

        Browser(String base) {
            this.base = base;
        }

        @Override
        public URL getChangeSetLink(Commit commit) throws IOException {
            return commit.getCommitId().startsWith("vendor") ? null : new URL(base + "/commit/" + commit.getCommitId());
        }
    }
}

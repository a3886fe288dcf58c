package io.jenkins.plugins.hawd.changes;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import hudson.model.User;
import hudson.scm.ChangeLogSet;
import hudson.scm.RepositoryBrowser;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.scm.RunWithSCM;

/**
 * One commit of a build's change sets, as the Changes page shows it: linked through the job's repository
 * browser where the SCM has one, as text otherwise.
 */
public final class CommitRow {
    private static final Logger LOGGER = Logger.getLogger(CommitRow.class.getName());
    private static final int MESSAGE_LENGTH = 120;

    private final long build;
    private final String id;
    private final String message;
    private final String author;
    private final String link;

    CommitRow(long build, String id, String message, String author, @CheckForNull String link) {
        this.build = build;
        this.id = id;
        this.message = message;
        this.author = author;
        this.link = link;
    }

    /** The commits a build came with (none for a job without SCM change sets), at most {@code limit}. */
    static List<CommitRow> of(Run<?, ?> run, int limit) {
        List<CommitRow> rows = new ArrayList<>();
        if (!(run instanceof RunWithSCM<?, ?> withScm)) {
            return rows;
        }
        for (ChangeLogSet<? extends ChangeLogSet.Entry> set : withScm.getChangeSets()) {
            RepositoryBrowser<?> browser = set.getBrowser();
            for (ChangeLogSet.Entry entry : set) {
                if (rows.size() >= limit) {
                    return rows;
                }
                rows.add(new CommitRow(run.getNumber(), text(entry.getCommitId()), firstLine(entry.getMsg()),
                        author(entry), link(browser, entry)));
            }
        }
        return rows;
    }

    private static String author(ChangeLogSet.Entry entry) {
        try {
            User author = entry.getAuthor();
            return author == null ? "" : author.getFullName();
        }
        catch (RuntimeException unknown) {
            // Some SCMs throw for an entry without an author.
            return "";
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @CheckForNull
    private static String link(@CheckForNull RepositoryBrowser browser, ChangeLogSet.Entry entry) {
        if (browser == null) {
            return null;
        }
        try {
            URL url = browser.getChangeSetLink(entry);
            return url == null ? null : webLink(url.toExternalForm());
        }
        catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "No link for commit " + entry.getCommitId(), e);
            return null;
        }
    }

    /** Only http(s) addresses become links: a browser configured with another scheme is shown as text. */
    @CheckForNull
    static String webLink(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url : null;
    }

    private static String text(@CheckForNull String value) {
        return value == null ? "" : value;
    }

    private static String firstLine(@CheckForNull String message) {
        String text = text(message).strip();
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline).strip();
        return line.length() <= MESSAGE_LENGTH ? line : line.substring(0, MESSAGE_LENGTH - 1) + "…";
    }

    public long getBuild() {
        return build;
    }

    /** The commit id, possibly empty (an SCM that has none). */
    public String getId() {
        return id;
    }

    /** The id as shown: a hash cut to 12 characters. */
    public String getShortId() {
        return id.length() > 12 && id.matches("[0-9a-fA-F]+") ? id.substring(0, 12) : id;
    }

    /** The first line of the message, cut to 120 characters. */
    public String getMessage() {
        return message;
    }

    public String getAuthor() {
        return author;
    }

    /** The repository browser's page of the commit, or {@code null}. */
    @CheckForNull
    public String getLink() {
        return link;
    }
}

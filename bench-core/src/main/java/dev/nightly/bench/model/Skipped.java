package dev.nightly.bench.model;

/**
 * A benchmark a results file names but gives no value for: it failed, crashed or was skipped. Not stored,
 * but never dropped in silence: the ingest says which, and the check shows its series as missing.
 *
 * @param file   the results file
 * @param entry  the benchmark as the file names it, e.g. {@code BM_Parse/8} or {@code MailQuery::testQuery}
 * @param reason why it has no value, e.g. {@code error_occurred: "out of memory"} or {@code failed}
 */
public record Skipped(String file, String entry, String reason) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
        return file + ": " + entry + " (" + reason + ")";
    }
}

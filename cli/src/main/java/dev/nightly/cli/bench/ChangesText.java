package dev.nightly.cli.bench;

import dev.nightly.bench.changes.TrackedChange;
import java.util.Locale;

/** How the CLI prints a change point with its status. */
public final class ChangesText {
    private ChangesText() {
    }

    /**
     * {@code OPEN regression mail_query/queryTime{rows=5000}: +28.1% (215.5 -> 276 ms, p=0.001) at build 12 (commit ...); last build before: 11 (commit ...)}
     * followed by the decision, if any.
     */
    public static String describe(TrackedChange change) {
        StringBuilder line = new StringBuilder()
                .append(String.format(Locale.ROOT, "%-9s", change.status().text().toUpperCase(Locale.ROOT)))
                .append(' ').append(change.change().key().id()).append(": ").append(change.change().describe());
        change.acknowledgement().ifPresent(ack -> {
            line.append(" [").append(ack.status().text());
            if (!ack.note().isEmpty()) {
                line.append(": ").append(ack.note());
            }
            line.append(", by ").append(ack.user().isEmpty() ? "unknown" : ack.user()).append(' ').append(ack.time()).append(']');
        });
        return line.toString();
    }
}

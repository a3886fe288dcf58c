package dev.nightly.bench.changes;

import java.util.Optional;

/**
 * A change point with what was decided about it.
 *
 * @param change          the change point
 * @param status          where it stands
 * @param acknowledgement the decision, when there is one
 */
public record TrackedChange(ChangePoint change, ChangeStatus status, Optional<Acknowledgement> acknowledgement)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    static TrackedChange of(ChangePoint change, Acknowledgements acks) {
        Optional<Acknowledgement> ack = acks.of(change.key().id(), change.build());
        return new TrackedChange(change, ack.map(a -> ChangeStatus.of(a.status())).orElse(ChangeStatus.OPEN), ack);
    }

    /** An open regression: not acknowledged or a known bug, and worse after than before. */
    public boolean isOpenRegression() {
        return status.isOpen() && change.isRegression();
    }
}

package dev.nightly.bench.chart;

import dev.nightly.bench.changes.TrackedChange;
import dev.nightly.bench.model.SeriesKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The change points each chart line shows. */
@FunctionalInterface
public interface ChangeMarks {
    List<ChangeMark> of(SeriesKey key);

    static ChangeMarks none() {
        return key -> List.of();
    }

    /** The marks of change points listed beforehand ({@code ChangeTracker.list}). */
    static ChangeMarks of(List<TrackedChange> changes) {
        Map<SeriesKey, List<ChangeMark>> byKey = new HashMap<>();
        for (TrackedChange change : changes) {
            ChangeMark mark = ChangeMark.of(change);
            if (mark.isDrawn()) {
                byKey.computeIfAbsent(change.change().key(), k -> new ArrayList<>()).add(mark);
            }
        }
        return key -> byKey.getOrDefault(key, List.of());
    }
}

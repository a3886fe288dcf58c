package dev.nightly.bench.changes;

import dev.nightly.bench.model.Direction;
import dev.nightly.bench.model.SeriesKey;

/** Which way each series gets better: from its unit, or as the checks configure it. */
@FunctionalInterface
public interface Directions {
    Directions FROM_UNIT = (key, unit) -> Direction.fromUnit(unit);

    Direction of(SeriesKey key, String unit);
}

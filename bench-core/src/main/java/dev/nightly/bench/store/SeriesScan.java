package dev.nightly.bench.store;

import dev.nightly.bench.model.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a series file's bytes, each parsed on its own, so that {@code verify} can name every bad line
 * and {@code repair} can keep every good one.
 *
 * @param points    the points of the lines that parse, in file order
 * @param lineEnds  the offset just past each whole line (its LF), in file order
 * @param badLines  the lines (1-based) that do not parse, with why
 * @param wholeEnd  the offset past the last whole line: bytes after it are a cut line
 */
record SeriesScan(List<Point> points, long[] lineEnds, List<BadLine> badLines, int wholeEnd) {
    record BadLine(int line, String why) {
    }

    static SeriesScan of(byte[] bytes) {
        List<Point> points = new ArrayList<>();
        List<BadLine> bad = new ArrayList<>();
        long[] ends = new long[16];
        int lines = 0;
        int start = 0;
        int end;
        while (start < bytes.length && (end = PointCodec.indexOf(bytes, PointCodec.LF, start, bytes.length)) >= 0) {
            if (lines == ends.length) {
                ends = java.util.Arrays.copyOf(ends, lines * 2);
            }
            ends[lines++] = end + 1;
            try {
                points.add(PointCodec.parse(bytes, start, end));
            }
            catch (IllegalArgumentException e) {
                bad.add(new BadLine(lines, e.getMessage()));
            }
            start = end + 1;
        }
        return new SeriesScan(points, java.util.Arrays.copyOf(ends, lines), bad, start);
    }

    /** The 1-based line that holds byte {@code offset}. */
    int lineAt(long offset) {
        int index = java.util.Arrays.binarySearch(lineEnds, offset);
        // An exact hit is the offset just past a line's LF: the next line starts there.
        return index >= 0 ? index + 2 : -index;
    }

    /** Whether the points are in time order with builds never decreasing: what lets readers read the end only. */
    boolean chronological() {
        for (int i = 1; i < points.size(); i++) {
            Point previous = points.get(i - 1);
            Point point = points.get(i);
            if (point.time().isBefore(previous.time()) || point.build() < previous.build()) {
                return false;
            }
        }
        return true;
    }
}

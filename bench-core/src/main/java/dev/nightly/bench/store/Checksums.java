package dev.nightly.bench.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nightly.bench.json.JsonFields;
import dev.nightly.bench.json.JsonInput;
import dev.nightly.bench.json.ModelJson;
import dev.nightly.bench.model.SeriesKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * The checksum file beside a series or index file ({@code .sum} for {@code .tsv} and {@code .idx}): a header
 * line that names the series (so that a lost manifest can be rebuilt), then one line per append,
 * {@code start TAB end TAB count TAB crc32c LF}: the byte range the append wrote, how many points (or
 * fingerprints) the file held after it, and the CRC32C of the range. An append adds a line and reads none of
 * the data before it; readers of the data never look at this file; {@code verify} recomputes every range.
 * A store written before checksums were kept has no such files, or ranges that start past 0.
 */
final class Checksums {
    static final String EXTENSION = ".sum";
    private static final String HEADER = "# nightly-sums 1 ";

    private Checksums() {
    }

    /** One append: bytes {@code [start, end)}, {@code count} points in the file up to {@code end}. */
    record Range(long start, long end, long count, int crc) {
        byte[] line() {
            String hex = Integer.toHexString(crc);
            // As %08x, without a Formatter: a cold ingest writes a line per file it extends, and a Formatter's
            // first use compiles its pattern and more.
            return (start + "\t" + end + "\t" + count + "\t" + "00000000".substring(hex.length()) + hex + "\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * The most bytes one range covers when an append is written. An ingest checks the last range of each file
     * it extends, reading its bytes: a backfill of years written as one range made the next night read and
     * checksum the whole store. Long appends are therefore recorded as several ranges of whole lines (or
     * fingerprints), each with the count up to its end, which {@code verify} reads as it reads ranges of
     * separate appends. At 64 KB the first night after a backfill still read and checksummed 13 MB for 200
     * series, a tenth of a cold one-night ingest; at 8 KB it reads 1.6 MB, and a backfill's checksum file holds
     * one line per 8 KB of data (about 0.4% of it).
     */
    static final int RANGE_BYTES = 8 * 1024;

    /**
     * The ranges of one append of {@code bytes} at {@code offset}: {@code unit} 0 for lines (each range ends
     * after an LF), or the size of a fixed-width entry; {@code countAfter} is the file's count after the append.
     */
    static List<Range> rangesOf(long offset, byte[] bytes, int unit, long countAfter) {
        return rangesOf(offset, bytes, bytes.length, unit, countAfter);
    }

    /** As {@link #rangesOf(long, byte[], int, long)}, of the first {@code length} bytes. */
    static List<Range> rangesOf(long offset, byte[] bytes, int length, int unit, long countAfter) {
        if (length == 0) {
            return List.of(new Range(offset, offset, countAfter, crc(bytes, 0, 0)));
        }
        List<Range> ranges = new ArrayList<>();
        long[] counts = new long[(length / RANGE_BYTES) + 2];
        int start = 0;
        while (start < length) {
            int end = Math.min(length, start + RANGE_BYTES);
            if (unit == 0) {
                while (end < length && bytes[end - 1] != PointCodec.LF) {
                    end++;
                }
            }
            else if (end < length) {
                end -= (end - start) % unit;
            }
            int entries = 0;
            if (unit == 0) {
                for (int i = start; i < end; i++) {
                    entries += bytes[i] == PointCodec.LF ? 1 : 0;
                }
            }
            else {
                entries = (end - start) / unit;
            }
            counts[ranges.size()] = entries;
            ranges.add(new Range(offset + start, offset + end, 0, crc(bytes, start, end - start)));
            start = end;
        }
        // Counts from the end backwards: the last range ends with the file's count.
        List<Range> counted = new ArrayList<>(ranges.size());
        long count = countAfter;
        for (int i = ranges.size() - 1; i >= 0; i--) {
            Range range = ranges.get(i);
            counted.add(0, new Range(range.start(), range.end(), count, range.crc()));
            count -= counts[i];
        }
        return counted;
    }

    /** The sums file of a data file: {@code series/x.tsv} has {@code series/x.sum}. */
    static String sumsFile(String dataFile) {
        return dataFile.substring(0, dataFile.lastIndexOf('.')) + EXTENSION;
    }

    static int crc(byte[] bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }

    /** The header line of a new sums file: the series (or dataset, for an index) and unit it belongs to. */
    static byte[] header(String dataset, SeriesKey key, String unit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = JsonInput.factory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("dataset", dataset);
            if (key != null) {
                json.writeStringField("measure", key.measure());
                ModelJson.writeParameters(json, key.parameters());
                json.writeStringField("unit", unit == null ? "" : unit);
            }
            json.writeEndObject();
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot happen: writing to memory", e);
        }
        String line = HEADER + out.toString(StandardCharsets.UTF_8) + "\n";
        return line.getBytes(StandardCharsets.UTF_8);
    }

    /** What a header names: the key (null for an index) and the unit. */
    record Header(String dataset, SeriesKey key, String unit) {
    }

    /** Reads the header of a sums file's bytes; null when it has none that can be read. */
    static Header header(Path file, byte[] bytes) {
        int end = PointCodec.indexOf(bytes, PointCodec.LF, 0, bytes.length);
        String head = HEADER.trim();
        if (end < 0 || !new String(bytes, 0, Math.min(end, HEADER.length()), StandardCharsets.UTF_8).startsWith(head)) {
            return null;
        }
        try {
            String json = new String(bytes, HEADER.length(), end - HEADER.length(), StandardCharsets.UTF_8);
            JsonNode node = JsonInput.readTree(json, file.toString());
            JsonFields fields = JsonFields.of(file.toString(), "", node).allowOnly(Set.of("dataset", "measure", "parameters", "unit"));
            String dataset = fields.requiredString("dataset");
            if (fields.get("measure") == null) {
                return new Header(dataset, null, "");
            }
            return new Header(dataset, SeriesKey.of(dataset, fields.requiredString("measure"), ModelJson.readParameters(fields)),
                    fields.string("unit", ""));
        }
        catch (RuntimeException e) {
            return null;
        }
    }

    /** The committed part of a sums file. */
    static byte[] readCommitted(Path file, long committed) throws IOException {
        return StoreFiles.readCommitted(file, committed, 0);
    }

    /** Every range of a sums file's committed bytes, in order; a line that is not a range is damage. */
    static List<Range> ranges(Path file, byte[] bytes) {
        List<Range> ranges = new ArrayList<>();
        int start = 0;
        int line = 0;
        while (start < bytes.length) {
            int end = PointCodec.indexOf(bytes, PointCodec.LF, start, bytes.length);
            line++;
            if (end < 0) {
                throw new StoreDamagedException("history store damaged: " + file + " line " + line + " is not terminated");
            }
            if (!(line == 1 && bytes[start] == '#')) {
                ranges.add(parse(file, line, new String(bytes, start, end - start, StandardCharsets.US_ASCII)));
            }
            start = end + 1;
        }
        return ranges;
    }

    /** The last range of a sums file, read from its end only (what an append checks). */
    static Range last(java.nio.channels.FileChannel channel, Path file, long committed) throws IOException {
        // A range line is under 80 bytes: the window holds it and the LF before it.
        byte[] bytes = StoreFiles.readCommitted(channel, file, committed, committed - Math.min(committed, 160));
        if (bytes.length == 0 || bytes[bytes.length - 1] != PointCodec.LF) {
            throw new StoreDamagedException("history store damaged: " + file + " last line is not terminated");
        }
        int from = bytes.length - 1;
        while (from > 0 && bytes[from - 1] != PointCodec.LF) {
            from--;
        }
        if (bytes[from] == '#') {
            return null;
        }
        return parse(file, -1, new String(bytes, from, bytes.length - 1 - from, StandardCharsets.US_ASCII));
    }

    private static Range parse(Path file, int line, String text) {
        String[] fields = text.split("\t", -1);
        try {
            if (fields.length == 4 && fields[3].length() == 8) {
                Range range = new Range(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                        Integer.parseUnsignedInt(fields[3], 16));
                if (range.start() >= 0 && range.end() > range.start() && range.count() >= 0) {
                    return range;
                }
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        throw new StoreDamagedException("history store damaged: " + file + (line > 0 ? " line " + line : " last line")
                + " is not a checksum range: \"" + text + "\"");
    }
}

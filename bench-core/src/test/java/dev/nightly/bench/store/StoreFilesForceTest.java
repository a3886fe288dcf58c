package dev.nightly.bench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appends written without a force are forced together later; a file that cannot be forced is named. */
class StoreFilesForceTest {
    @Test
    void writesAreForcedTogetherAndKeepTheirBytes(@TempDir Path dir) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Path file = dir.resolve("f" + i + ".tsv");
            StoreFiles.writeAt(file, 0, ("first " + i + "\n").getBytes(StandardCharsets.UTF_8));
            StoreFiles.writeAt(file, Files.size(file), ("second " + i + "\n").getBytes(StandardCharsets.UTF_8));
            files.add(file);
        }
        StoreFiles.forceAll(files);
        for (int i = 0; i < 40; i++) {
            assertThat(Files.readString(files.get(i))).isEqualTo("first " + i + "\nsecond " + i + "\n");
        }
        // The way for a disk whose forces wait: the first force counts as slow, the rest go together, some through
        // channels held open.
        try (FileChannel open = FileChannel.open(files.get(3), StandardOpenOption.WRITE)) {
            StoreFiles.forceAll(files, Map.of(files.get(3), open), 0);
        }
        for (int i = 0; i < 40; i++) {
            assertThat(Files.readString(files.get(i))).isEqualTo("first " + i + "\nsecond " + i + "\n");
        }
    }

    @Test
    void aFileThatIsGoneFailsTheForceByName(@TempDir Path dir) throws Exception {
        Path kept = dir.resolve("kept.tsv");
        StoreFiles.writeAt(kept, 0, "1\n".getBytes(StandardCharsets.UTF_8));
        Path gone = dir.resolve("gone.tsv");
        assertThatThrownBy(() -> StoreFiles.forceAll(List.of(kept, gone, kept)))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("gone.tsv");
        assertThatThrownBy(() -> StoreFiles.forceAll(List.of(kept, gone, kept, kept), Map.of(), 0))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("gone.tsv");
    }
}

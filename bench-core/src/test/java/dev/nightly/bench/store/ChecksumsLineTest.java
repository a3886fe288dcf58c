package dev.nightly.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksumsLineTest {
    /** The line is written without a Formatter; it must be what {@code %08x} made, for every crc. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 0xf, 0xabc, 0x0fffffff, 0x10000000, 0x7fffffff, -1, Integer.MIN_VALUE, 0x72acbf2a})
    void crcIsEightLowerCaseHexDigits(int crc) {
        Checksums.Range range = new Checksums.Range(65562, 131125, 2924, crc);
        assertThat(new String(range.line(), StandardCharsets.US_ASCII))
                .isEqualTo(String.format(Locale.ROOT, "%d\t%d\t%d\t%08x\n", 65562L, 131125L, 2924L, crc));
    }
}

package io.maas.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetChunksTest {

    /** Ten rows: feature a (missing every fourth row), categorical c, target y. */
    private static final String TABLE = tenRows();

    private static String tenRows() {
        StringBuilder csv = new StringBuilder("a,c,y\n");
        for (int i = 0; i < 10; i++) {
            csv.append(i % 4 == 3 ? "NA" : Integer.toString(i)).append(',').append("level").append(i % 3)
                    .append(',').append(i * 10).append('\n');
        }
        return csv.toString();
    }

    private static CsvFormat format(int chunkRows) {
        return CsvFormat.builder().categorical("c").chunkRows(chunkRows).build();
    }

    private static List<Dataset> chunks(CsvFormat format, String csv) throws IOException {
        List<Dataset> chunks = new ArrayList<>();
        try (DatasetChunks open = format.chunks(new StringReader(csv), "test.csv")) {
            for (Dataset chunk : open) {
                chunks.add(chunk);
            }
        }
        return chunks;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 5, 9, 10, 11, 1000})
    void the_chunks_in_order_are_the_rows_of_the_whole_read(int chunkRows) throws IOException {
        Dataset whole = format(chunkRows).read(new StringReader(TABLE), "test.csv");

        List<Dataset> chunks = chunks(format(chunkRows), TABLE);

        assertThat(chunks).hasSize((10 + chunkRows - 1) / chunkRows);
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.rowCount()).isBetween(1, chunkRows));
        int i = 0;
        for (Dataset chunk : chunks) {
            assertThat(chunk.featureNames()).isEqualTo(whole.featureNames());
            for (int r = 0; r < chunk.rowCount(); r++, i++) {
                assertThat(chunk.row(r)).isEqualTo(whole.row(i));
                assertThat(chunk.target(r)).isEqualTo(whole.target(i));
                assertThat(chunk.category(r, 0)).isEqualTo(whole.category(i, 0));
            }
        }
        assertThat(i).isEqualTo(10);
        assertThat(chunks.stream().mapToInt(c -> c.missingCounts().getOrDefault("a", 0)).sum()).isEqualTo(2);
    }

    @Test
    void a_category_code_means_the_same_level_in_every_chunk() throws IOException {
        List<Dataset> chunks = chunks(format(2), TABLE);

        assertThat(chunks.get(0).categories(0)).containsExactly("level0", "level1");
        assertThat(chunks.get(1).categories(0)).containsExactly("level0", "level1", "level2");
        assertThat(chunks.get(4).categoryCode(1, 0)).isEqualTo(0); // row 9: level0
    }

    @Test
    void the_columns_are_known_when_opened() throws IOException {
        try (DatasetChunks chunks = format(4).chunks(new StringReader(TABLE), "test.csv")) {
            assertThat(chunks.featureNames()).containsExactly("a");
            assertThat(chunks.categoricalNames()).containsExactly("c");
            assertThat(chunks.targetName()).isEqualTo("y");
        }
    }

    @Test
    void the_chunks_can_be_iterated_once_and_end_with_no_such_element() throws IOException {
        try (DatasetChunks chunks = format(6).chunks(new StringReader(TABLE), "test.csv")) {
            Iterator<Dataset> iterator = chunks.iterator();
            assertThat(iterator.hasNext()).isTrue();
            assertThat(iterator.hasNext()).isTrue();
            assertThat(iterator.next().rowCount()).isEqualTo(6);
            assertThat(iterator.next().rowCount()).isEqualTo(4);
            assertThat(iterator.hasNext()).isFalse();
            assertThatThrownBy(iterator::next).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(chunks::iterator).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("only once");
        }
    }

    @Test
    void an_error_in_a_later_chunk_names_its_line_and_ends_the_reading() throws IOException {
        try (DatasetChunks chunks = format(3).chunks(new StringReader(TABLE + "oops,x,1\n"), "test.csv")) {
            Iterator<Dataset> iterator = chunks.iterator();
            for (int k = 0; k < 3; k++) {
                iterator.next();
            }

            assertThatThrownBy(iterator::hasNext)
                    .isInstanceOf(DataFormatException.class)
                    .hasMessage("test.csv, line 12, column 'a': 'oops' is not a number (expected plain decimal"
                            + " notation such as -12.5e3)");
            assertThatThrownBy(iterator::hasNext).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("failed earlier");
        }
    }

    @Test
    void problems_in_the_header_or_first_chunk_are_reported_when_opening() {
        assertThatThrownBy(() -> format(3).chunks(new StringReader("a,c,y\n"), "test.csv"))
                .hasMessage("test.csv: has a header but no data rows");
        assertThatThrownBy(() -> format(3).chunks(new StringReader("a,c,y\n1,u,2\nx,u,2\n"), "test.csv"))
                .hasMessageContaining("line 3, column 'a'");
    }

    @Test
    void closing_the_chunks_closes_the_source() throws IOException {
        boolean[] closed = {false};
        StringReader source = new StringReader(TABLE) {
            @Override
            public void close() {
                closed[0] = true;
                super.close();
            }
        };

        format(4).chunks(source, "test.csv").close();

        assertThat(closed[0]).isTrue();
    }

    @Test
    void an_io_error_in_a_later_chunk_is_unchecked(@TempDir Path dir) throws IOException {
        StringReader failing = new StringReader(TABLE.repeat(1) + "1,u,2\n".repeat(20_000)) {
            private int reads;

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                if (++reads > 3) {
                    throw new IOException("disk gone");
                }
                return super.read(buffer, offset, length);
            }
        };
        try (DatasetChunks chunks = format(5).chunks(failing, "test.csv")) {
            Iterator<Dataset> iterator = chunks.iterator();
            assertThatThrownBy(() -> {
                while (iterator.hasNext()) {
                    iterator.next();
                }
            }).isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("disk gone");
        }
        Path file = dir.resolve("t.csv");
        Files.writeString(file, TABLE);
        try (DatasetChunks chunks = format(4).chunks(file)) {
            assertThat(chunks.iterator().next().rowCount()).isEqualTo(4);
        }
    }
}

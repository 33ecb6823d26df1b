package io.maas.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CsvFormatTest {

    static Dataset read(String text) throws IOException {
        return CsvFormat.defaults().read(new StringReader(text), "test.csv");
    }

    @Nested
    class GoodInput {

        @Test
        void the_last_column_is_the_target_by_default() throws IOException {
            Dataset data = read("a,b,y\n1,2,3\n4,5,6\n");

            assertThat(data.featureNames()).containsExactly("a", "b");
            assertThat(data.targetName()).isEqualTo("y");
            assertThat(data.row(1)).containsExactly(4, 5);
            assertThat(data.target()).containsExactly(3, 6);
        }

        @Test
        void the_target_can_be_chosen_by_name() throws IOException {
            Dataset data = CsvFormat.builder().target("a").build()
                    .read(new StringReader("a,b,c\n1,2,3\n"), "test.csv");

            assertThat(data.featureNames()).containsExactly("b", "c");
            assertThat(data.target()).containsExactly(1);
            assertThat(data.row(0)).containsExactly(2, 3);
        }

        @Test
        void crlf_quotes_bom_and_plain_decimal_forms_are_read() throws IOException {
            byte[] bytes = "\uFEFF\"x\",y\r\n\".5\",-1e-3\r\n 3. ,+2E+2\r\n\r\n".getBytes(StandardCharsets.UTF_8);

            Dataset data = CsvFormat.defaults().read(new ByteArrayInputStream(bytes), "bom.csv");

            assertThat(data.featureNames()).containsExactly("x");
            assertThat(data.row(0)).containsExactly(0.5);
            assertThat(data.row(1)).containsExactly(3.0);
            assertThat(data.target()).containsExactly(-0.001, 200.0);
        }

        @Test
        void the_bundled_diabetes_file_reads_as_442_rows_by_10_features() {
            Dataset data = SampleData.diabetes();

            assertThat(data.rowCount()).isEqualTo(442);
            assertThat(data.featureNames()).containsExactly("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5",
                    "s6");
            assertThat(data.targetName()).isEqualTo("progression");
            assertThat(data.row(0)).containsExactly(59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.8598, 87);
            assertThat(data.target(0)).isEqualTo(151);
        }

        @Test
        void a_file_is_read_from_a_path(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("data.csv");
            Files.writeString(file, "x,y\n1,2\n");

            assertThat(CsvFormat.defaults().read(file).rowCount()).isEqualTo(1);
        }
    }

    @Nested
    class BadInput {

        @Test
        void a_cell_that_is_not_a_number_names_line_column_and_text() {
            assertThatThrownBy(() -> read("age,bmi,y\n1,2,3\n4,abc,6\n"))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessage("test.csv, line 3, column 'bmi': 'abc' is not a number"
                            + " (expected plain decimal notation such as -12.5e3)")
                    .satisfies(e -> {
                        DataFormatException error = (DataFormatException) e;
                        assertThat(error.line()).isEqualTo(3);
                        assertThat(error.column()).contains("bmi");
                    });
        }

        @ParameterizedTest
        @ValueSource(strings = {"0x1p3", "1.5d", "2f", "Infinity", "-Infinity", "NaN", "1,000", "1e", "--1", ".",
                "1.2.3", "e5", "１"})
        void strict_numbers_reject_what_parse_double_would_take(String cell) {
            String quoted = "\"" + cell + "\"";

            assertThatThrownBy(() -> read("x,y\n" + quoted + ",1\n"))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("line 2, column 'x': '" + cell + "' is not a number");
        }

        @Test
        void overflow_is_rejected() {
            assertThatThrownBy(() -> read("x,y\n1e400,1\n"))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("line 2, column 'x': '1e400' is too large in magnitude");
        }

        @Test
        void an_empty_cell_is_named() {
            assertThatThrownBy(() -> read("x,y\n1,\n"))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("line 2, column 'y': '' is empty, expected a number");
        }

        @Test
        void a_long_cell_is_truncated_in_the_message() {
            String cell = "z".repeat(500);

            assertThatThrownBy(() -> read("x,y\n" + cell + ",1\n"))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("'" + "z".repeat(40) + "...(500 chars)'")
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
        }

        static Stream<Arguments> malformedTables() {
            return Stream.of(
                    Arguments.of("x,y\n1,2\n3\n", "line 3: has 1 fields but the header has 2"),
                    Arguments.of("x,y\n1,2,3\n", "line 2: has 3 fields but the header has 2"),
                    Arguments.of("x,x,y\n1,2,3\n", "column 'x': the column name appears more than once"),
                    Arguments.of("x,,y\n1,2,3\n", "header field 2 is blank"),
                    Arguments.of("x\n1\n", "the header has 1 column(s)"),
                    Arguments.of("x,y\n", "has a header but no data rows"),
                    Arguments.of("", "is empty; expected a header row and data rows"),
                    // An unterminated quote swallows the rest of the file into one field: reported at its line.
                    Arguments.of("x,y\n\"1,2\n", "line 2: has 1 fields but the header has 2"));
        }

        @ParameterizedTest
        @MethodSource("malformedTables")
        void malformed_tables_are_rejected_with_the_reason(String csv, String message) {
            assertThatThrownBy(() -> read(csv))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessageContaining(message);
        }

        @Test
        void an_unknown_target_lists_the_header() {
            assertThatThrownBy(() -> CsvFormat.builder().target("z").build()
                    .read(new StringReader("x,y\n1,2\n"), "test.csv"))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("no column is named 'z' (the target); the header has [x, y]");
        }

        @Test
        void invalid_utf8_is_an_error_not_a_replacement_character() {
            byte[] bytes = {'x', ',', 'y', '\n', '1', ',', (byte) 0xC3, (byte) 0x28, '\n'};

            assertThatThrownBy(() -> CsvFormat.defaults().read(new ByteArrayInputStream(bytes), "bad.csv"))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("bad.csv: the input is not valid UTF-8");
        }

        @Test
        void a_missing_file_is_an_io_exception() {
            assertThatThrownBy(() -> CsvFormat.defaults().read(Path.of("no/such/file.csv")))
                    .isInstanceOf(IOException.class);
        }

        @Test
        void a_blank_target_name_is_rejected_in_the_option_method() {
            assertThatThrownBy(() -> CsvFormat.builder().target(" "))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must not be blank");
        }
    }

    @Test
    void datasets_built_from_arrays_copy_them() {
        double[][] x = {{1, 2}, {3, 4}};
        double[] y = {5, 6};

        Dataset data = Dataset.of(List.of("a", "b"), x, "y", y);
        x[0][0] = 99;
        y[0] = 99;
        data.row(0)[0] = 77;
        data.target()[0] = 77;

        assertThat(data.row(0)).containsExactly(1, 2);
        assertThat(data.target(0)).isEqualTo(5);
    }

    @Test
    void datasets_reject_ragged_rows_and_non_finite_values_naming_the_place() {
        assertThatThrownBy(() -> Dataset.of(List.of("a", "b"), new double[][] {{1, 2}, {3}}, "y", new double[2]))
                .hasMessageContaining("features row 1 has 1 values but there are 2 feature names");
        assertThatThrownBy(() -> Dataset.of(List.of("a"), new double[][] {{1}, {Double.NaN}}, "y", new double[2]))
                .hasMessageContaining("row 1, column 'a': NaN is not a finite number");
        assertThatThrownBy(() -> Dataset.of(List.of("a"), new double[][] {{1}}, "y",
                new double[] {Double.POSITIVE_INFINITY}))
                .hasMessageContaining("row 0, target 'y': Infinity is not a finite number");
        assertThatThrownBy(() -> Dataset.of(List.of("a"), new double[0][], "y", new double[0]))
                .hasMessageContaining("needs at least one row");
    }
}

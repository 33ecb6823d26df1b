package io.maas.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CsvFormatTest {

    static Dataset read(String text) throws IOException {
        return read(CsvFormat.defaults(), text);
    }

    static Dataset read(CsvFormat format, String text) throws IOException {
        return format.read(new StringReader(text), "test.csv");
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
            assertThat(data.hasMissing()).isFalse();
            assertThat(data.categoricalNames()).isEmpty();
        }

        @Test
        void the_target_can_be_chosen_by_name_by_index_or_as_the_last_column() throws IOException {
            String csv = "a,b,c\n1,2,3\n";

            Dataset byName = read(CsvFormat.builder().target("a").build(), csv);
            Dataset byIndex = read(CsvFormat.builder().targetIndex(1).build(), csv);
            Dataset last = read(CsvFormat.builder().target("a").targetLastColumn().build(), csv);

            assertThat(byName.featureNames()).containsExactly("b", "c");
            assertThat(byName.target()).containsExactly(1);
            assertThat(byName.row(0)).containsExactly(2, 3);
            assertThat(byIndex.targetName()).isEqualTo("b");
            assertThat(byIndex.featureNames()).containsExactly("a", "c");
            assertThat(last.targetName()).isEqualTo("c");
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
        void lone_carriage_returns_end_lines_too() throws IOException {
            assertThat(read("x,y\r1,2\r3,4").target()).containsExactly(2, 4);
        }

        @Test
        void the_last_line_needs_no_line_break() throws IOException {
            assertThat(read("x,y\n1,2\n3,\"4\"").target()).containsExactly(2, 4);
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

        @Test
        void without_a_header_the_columns_are_x0_x1_and_the_first_row_is_data() throws IOException {
            CsvFormat format = CsvFormat.builder().header(CsvFormat.Header.ABSENT).build();

            Dataset data = read(format, "1,2,3\n4,5,6\n");

            assertThat(data.featureNames()).containsExactly("x0", "x1");
            assertThat(data.targetName()).isEqualTo("x2");
            assertThat(data.target()).containsExactly(3, 6);
        }

        @Test
        void delimiter_quote_and_comment_are_options() throws IOException {
            CsvFormat format = CsvFormat.builder().delimiter(';').quote('\'').comment('#').build();

            Dataset data = read(format, "# exported 2024\na;'b;c';y\n1;2;3\n# a note\n'4';5;6\n");

            assertThat(data.featureNames()).containsExactly("a", "b;c");
            assertThat(data.target()).containsExactly(3, 6);
            assertThat(data.row(1)).containsExactly(4, 5);
        }

        @Test
        void a_tab_delimiter_reads_tab_separated_values() throws IOException {
            Dataset data = read(CsvFormat.builder().delimiter('\t').build(), "a\ty\n1.5\t2\n");

            assertThat(data.row(0)).containsExactly(1.5);
        }

        @Test
        void features_can_be_chosen_in_any_order_and_others_are_not_parsed() throws IOException {
            CsvFormat format = CsvFormat.builder().features("c", "a").build();

            Dataset data = read(format, "a,b,c,y\n1,not a number,3,4\n");

            assertThat(data.featureNames()).containsExactly("c", "a");
            assertThat(data.row(0)).containsExactly(3, 1);
        }

        @Test
        void dropped_columns_are_not_parsed() throws IOException {
            CsvFormat format = CsvFormat.builder().dropColumns("id", "note").build();

            Dataset data = read(format, "id,a,note,y\nA-17,1,\"free, text\",2\n");

            assertThat(data.featureNames()).containsExactly("a");
            assertThat(data.target()).containsExactly(2);
        }

        @Test
        void blank_lines_are_skipped_and_line_numbers_still_count_them() {
            assertThatThrownBy(() -> read("x,y\n\n1,2\n\n\nz,3\n"))
                    .hasMessageContaining("line 6, column 'x': 'z' is not a number");
        }

        @Test
        void a_format_describes_its_options() {
            assertThat(CsvFormat.builder().delimiter(';').categorical("c").detectCategorical().build().toString())
                    .isEqualTo("CsvFormat[header PRESENT, delimiter ';', quote '\"', comment none,"
                            + " target (last column), features (all others), dropped [], categorical [c] + detected,"
                            + " missing [, NA, NaN, ?], chunkRows 10000, maxLineLength 4194304]");
        }
    }

    @Nested
    class MissingValues {

        @Test
        void the_default_tokens_make_missing_values_the_dataset_counts() throws IOException {
            Dataset data = read("a,bmi,y\n1,,1\n2,NA,2\n3, NaN ,3\n4,?,4\n5,\"\",5\n6,7,6\n");

            assertThat(data.missingCounts()).containsExactly(entry("bmi", 5));
            assertThat(data.isMissing(2, 1)).isTrue();
            assertThat(data.isMissing(5, 1)).isFalse();
            assertThatThrownBy(data::requireComplete)
                    .hasMessage("column 'bmi' has 5 missing values (rows 0, 1, 2, 3, 4); impute them or drop the"
                            + " rows");
        }

        @Test
        void the_tokens_are_configurable() throws IOException {
            CsvFormat format = CsvFormat.builder().missingValues("-", "-999").build();

            Dataset data = read(format, "a,y\n-,1\n-999,2\n -999.0 ,3\n");

            assertThat(data.missingCounts()).containsExactly(entry("a", 2));
            assertThat(data.feature(2, 0)).isEqualTo(-999.0);
            assertThatThrownBy(() -> read(format, "a,y\nNA,1\n"))
                    .hasMessage("test.csv, line 2, column 'a': 'NA' is not a number (expected plain decimal"
                            + " notation such as -12.5e3)");
        }

        @Test
        void without_tokens_an_empty_cell_is_named() {
            CsvFormat format = CsvFormat.builder().missingValues().build();

            assertThatThrownBy(() -> read(format, "x,y\n1,\n"))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessage("test.csv, line 2, column 'y': '' is empty, expected a number");
        }

        @Test
        void a_missing_target_is_an_error() {
            assertThatThrownBy(() -> read("x,y\n1,2\n3,NA\n"))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessage("test.csv, line 3, column 'y': the target is missing ('NA'); every row needs a"
                            + " target value");
        }

        @Test
        void tokens_with_surrounding_spaces_are_refused_at_once() {
            assertThatThrownBy(() -> CsvFormat.builder().missingValues("NA", " - "))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("missing-value token ' - ' has surrounding spaces");
        }
    }

    @Nested
    class Categorical {

        @Test
        void declared_columns_are_kept_as_trimmed_strings() throws IOException {
            CsvFormat format = CsvFormat.builder().categorical("city").build();

            Dataset data = read(format, "city,a,y\nOslo,1,1\n\" Rome \",2,2\nOslo,3,3\nNA,4,4\n\"Sao, Paulo\",5,5\n");

            assertThat(data.featureNames()).containsExactly("a");
            assertThat(data.categoricalNames()).containsExactly("city");
            assertThat(data.categories(0)).containsExactly("Oslo", "Rome", "Sao, Paulo");
            assertThat(data.categoryCode(2, 0)).isZero();
            assertThat(data.categoryCode(3, 0)).isEqualTo(Dataset.MISSING_CATEGORY);
            assertThat(data.category(3, 0)).isEmpty();
            assertThat(data.missingCounts()).containsExactly(entry("city", 1));
        }

        @Test
        void detection_makes_a_column_categorical_when_a_sampled_cell_is_not_a_number() throws IOException {
            CsvFormat format = CsvFormat.builder().detectCategorical().build();

            Dataset data = read(format, "a,b,c,y\n1,x,NA,1\n2,2,NA,2\n3,3.5,,3\n");

            assertThat(data.featureNames()).containsExactly("a", "c");
            assertThat(data.categoricalNames()).containsExactly("b");
            assertThat(data.categories(0)).containsExactly("x", "2", "3.5");
            assertThat(data.missingCounts()).containsExactly(entry("c", 3));
        }

        @Test
        void detection_looks_at_the_first_chunk_rows_only_and_says_so_in_the_error() {
            CsvFormat format = CsvFormat.builder().detectCategorical().chunkRows(2).build();

            assertThatThrownBy(() -> read(format, "a,y\n1,1\n2,2\nthree,3\n"))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessage("test.csv, line 4, column 'a': 'three' is not a number (expected plain decimal"
                            + " notation such as -12.5e3); the column looked numeric in the rows used for"
                            + " detection: declare it categorical to keep text");
        }

        @Test
        void the_target_is_never_categorical() {
            assertThatThrownBy(() -> CsvFormat.builder().target("y").categorical("y").build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the target 'y' cannot also be categorical");
            assertThatThrownBy(() -> read(CsvFormat.builder().categorical("y").build(), "a,y\n1,2\n"))
                    .hasMessage("test.csv, line 1: column 'y' is the target, which must be numeric; it cannot be"
                            + " categorical");
            assertThatThrownBy(() -> read(CsvFormat.builder().detectCategorical().build(), "a,y\n1,two\n"))
                    .hasMessageContaining("line 2, column 'y': 'two' is not a number");
        }

        @Test
        void a_categorical_column_must_be_a_feature() {
            CsvFormat format = CsvFormat.builder().features("a").categorical("b").build();

            assertThatThrownBy(() -> read(format, "a,b,y\n1,u,2\n"))
                    .hasMessage("test.csv, line 1: column 'b' is declared categorical but is not a feature");
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
                        assertThat(error.source()).isEqualTo("test.csv");
                        assertThat(error.line()).isEqualTo(3);
                        assertThat(error.column()).contains("bmi");
                    });
        }

        @ParameterizedTest
        @ValueSource(strings = {"0x1p3", "1.5d", "2f", "Infinity", "-Infinity", "+Infinity", "NaN", "1,000", "1e",
            "--1", ".", "1.2.3", "e5", "１", "1 000", "12%", "$3", "0b101", "true"})
        void strict_numbers_reject_what_parse_double_would_take(String cell) {
            String quoted = "\"" + cell + "\"";

            assertThatThrownBy(() -> read(CsvFormat.builder().missingValues().build(), "x,y\n" + quoted + ",1\n"))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessage("test.csv, line 2, column 'x': '" + cell + "' is not a number (expected plain"
                            + " decimal notation such as -12.5e3)");
        }

        @Test
        void overflow_is_rejected() {
            assertThatThrownBy(() -> read("x,y\n1e400,1\n"))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessage("test.csv, line 2, column 'x': '1e400' is too large in magnitude for a double"
                            + " (max about 1.8e308)");
        }

        @Test
        void a_long_cell_is_truncated_in_the_message() {
            String cell = "z".repeat(500);

            assertThatThrownBy(() -> read("x,y\n" + cell + ",1\n"))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("'" + "z".repeat(40) + "...(500 chars)'")
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
        }

        @Test
        void a_cell_with_line_breaks_is_shown_on_one_line() {
            assertThatThrownBy(() -> read("x,y\n\"1\r\n2\",3\n"))
                    .hasMessage("test.csv, line 2, column 'x': '1\\r\\n2' is not a number (expected plain decimal"
                            + " notation such as -12.5e3)");
        }

        static Stream<Arguments> malformedTables() {
            return Stream.of(
                    Arguments.of("x,y\n1,2\n3\n", "test.csv, line 3: has 1 fields but the header has 2"),
                    Arguments.of("x,y\n1,2,3\n", "test.csv, line 2: has 3 fields but the header has 2"),
                    Arguments.of("x,y\n1,2\n3,4,\"a\nb\"\n", "test.csv, line 3: has 3 fields but the header has 2"),
                    Arguments.of("x,x,y\n1,2,3\n", "test.csv, line 1, column 'x': the column name appears more"
                            + " than once"),
                    Arguments.of("x,,y\n1,2,3\n", "test.csv, line 1: header field 2 is blank; every column needs a"
                            + " name"),
                    Arguments.of("x, ,y\n1,2,3\n", "test.csv, line 1: header field 2 is blank; every column needs a"
                            + " name"),
                    Arguments.of("x\n1\n", "test.csv, line 1: the header has 1 column(s); expected at least one"
                            + " feature and the target"),
                    Arguments.of("x,y\n", "test.csv: has a header but no data rows"),
                    Arguments.of("\n\nx,y\n\n\n", "test.csv: has a header but no data rows"),
                    Arguments.of("", "test.csv: is empty; expected a header row and data rows"),
                    Arguments.of("\n\r\n\n", "test.csv: is empty; expected a header row and data rows"),
                    Arguments.of("\uFEFF", "test.csv: is empty; expected a header row and data rows"),
                    Arguments.of("x,y\n\"1\"2,3\n", "test.csv, line 2: is not valid CSV: Unexpected character"
                            + " after closing quote: '2' (0x32)"),
                    Arguments.of("x,y\n1,2\n\uFFFF\n3,4\n", "test.csv, line 3: holds U+FFFF"),
                    Arguments.of("x,y\n\uFFFF,2\n", "test.csv, line 2: holds U+FFFF"));
        }

        @ParameterizedTest
        @MethodSource("malformedTables")
        void malformed_tables_are_rejected_with_the_reason(String csv, String message) {
            assertThatThrownBy(() -> read(csv))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessageStartingWith(message);
        }

        @Test
        void without_a_header_an_empty_input_and_ragged_rows_are_named() {
            CsvFormat format = CsvFormat.builder().header(CsvFormat.Header.ABSENT).build();

            assertThatThrownBy(() -> read(format, "\n")).hasMessage("test.csv: is empty; expected data rows");
            assertThatThrownBy(() -> read(format, "1,2\n3,4,5\n"))
                    .hasMessage("test.csv, line 2: has 3 fields but the first row has 2");
        }

        static Stream<Arguments> unclosedQuotes() {
            return Stream.of(
                    Arguments.of("x,y\n1,2\n\"3,4\n5,6\n", 3),
                    Arguments.of("x,y\n1,\"2", 2),
                    Arguments.of("x,y\n1,\"2\"\"", 2),
                    Arguments.of("x,y\n1,2\n\n\"", 4),
                    Arguments.of("x,y\r\n1,2\r\n3,\"4\r\n", 3),
                    Arguments.of("\"x,y\n1,2\n", 1),
                    Arguments.of("c,y\n\"a\nb\",\"c\n", 3)); // the second field opens a quote on the record's 2nd line
        }

        @ParameterizedTest
        @MethodSource("unclosedQuotes")
        void a_quote_left_open_is_reported_at_the_line_where_it_opened(String csv, int line) {
            CsvFormat format = CsvFormat.builder().categorical("c").build();

            assertThatThrownBy(() -> read(csv.startsWith("c,") ? format : CsvFormat.defaults(), csv))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessage("test.csv, line " + line + ": a quoted field starts on this line but its closing"
                            + " quote is missing");
        }

        @Test
        void a_record_longer_than_the_limit_is_rejected_at_its_line() throws IOException {
            CsvFormat format = CsvFormat.builder().maxLineLength(20).build();

            assertThatThrownBy(() -> read(format, "x,y\n1,2\n1234567890,1234567890\n"))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessage("test.csv, line 3: the record is longer than maxLineLength, 20 characters (is a"
                            + " quote left open?)");
            assertThat(read(format, "x,y\n123456789,1234567890\n").rowCount()).isEqualTo(1);
        }

        @Test
        void a_quote_left_open_in_a_large_file_stops_at_the_limit() {
            CsvFormat format = CsvFormat.builder().maxLineLength(1000).build();
            String csv = "x,y\n1,2\n\"3,4\n" + "5,6\n".repeat(50_000);

            assertThatThrownBy(() -> read(format, csv))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessage("test.csv, line 3: the record is longer than maxLineLength, 1000 characters (is a"
                            + " quote left open?)");
        }

        @Test
        void invalid_utf8_is_an_error_not_a_replacement_character() {
            byte[] bytes = {'x', ',', 'y', '\n', '1', ',', (byte) 0xC3, (byte) 0x28, '\n'};

            assertThatThrownBy(() -> CsvFormat.defaults().read(new ByteArrayInputStream(bytes), "bad.csv"))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessageStartingWith("bad.csv: the input is not valid UTF-8");
        }

        @Test
        void failures_that_are_not_about_the_text_pass_unchanged() {
            assertThatThrownBy(() -> CsvFormat.defaults().read(failingReader(() -> {
                throw new IllegalStateException("a bug");
            }), "t")).isInstanceOf(IllegalStateException.class).hasMessage("a bug");
            assertThatThrownBy(() -> CsvFormat.defaults().read(failingReader(() -> {
                throw new OutOfMemoryError("heap");
            }), "t")).isInstanceOf(OutOfMemoryError.class);
        }

        private java.io.Reader failingReader(Runnable failure) {
            return new java.io.Reader() {
                @Override
                public int read(char[] buffer, int offset, int length) {
                    failure.run();
                    return -1;
                }

                @Override
                public void close() {
                }
            };
        }

        @Test
        void a_missing_file_is_an_io_exception() {
            assertThatThrownBy(() -> CsvFormat.defaults().read(Path.of("no/such/file.csv")))
                    .isInstanceOf(IOException.class);
        }

        static Stream<Arguments> columnsTheHeaderLacks() {
            return Stream.of(
                    Arguments.of(CsvFormat.builder().target("z"), "no column is named 'z' (the target); the header"
                            + " has [x, y]"),
                    Arguments.of(CsvFormat.builder().targetIndex(2), "the target is column index 2 but the header"
                            + " has 2 columns [x, y]"),
                    Arguments.of(CsvFormat.builder().features("q"), "no column is named 'q' (chosen as a feature);"
                            + " the header has [x, y]"),
                    Arguments.of(CsvFormat.builder().features("y"), "column 'y' is the target and cannot also be a"
                            + " feature"),
                    Arguments.of(CsvFormat.builder().dropColumns("q"), "no column is named 'q' (to drop); the"
                            + " header has [x, y]"),
                    Arguments.of(CsvFormat.builder().dropColumns("x"), "no feature column is left after dropping"
                            + " [x]; the header has [x, y]"),
                    Arguments.of(CsvFormat.builder().dropColumns("y"), "column 'y' is the target and cannot be"
                            + " dropped"),
                    Arguments.of(CsvFormat.builder().categorical("q"), "no column is named 'q' (declared"
                            + " categorical); the header has [x, y]"));
        }

        @ParameterizedTest
        @MethodSource("columnsTheHeaderLacks")
        void options_naming_columns_the_header_lacks_list_the_header(CsvFormat.Builder format, String message) {
            assertThatThrownBy(() -> read(format.build(), "x,y\n1,2\n"))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessage("test.csv, line 1: " + message);
        }
    }

    @Nested
    class Options {

        static Stream<Arguments> badOptions() {
            return Stream.<Arguments>of(
                    Arguments.of((ThrowingCallable) () -> CsvFormat.builder().target(" "),
                            "target column name must not be blank"),
                    Arguments.of((ThrowingCallable) () -> CsvFormat.builder().targetIndex(-1),
                            "target column index must be >= 0 but was -1"),
                    Arguments.of((ThrowingCallable) () -> CsvFormat.builder().delimiter('\n'),
                            "delimiter must not be a line break or U+FFFF but was U+000A"),
                    Arguments.of((ThrowingCallable) () -> CsvFormat.builder().quote('\r'),
                            "quote must not be a line break or U+FFFF but was U+000D"),
                    Arguments.of((ThrowingCallable) () -> CsvFormat.builder().comment('\uFFFF'),
                            "comment must not be a line break or U+FFFF but was U+FFFF"),
                    Arguments.of((ThrowingCallable) () -> CsvFormat.builder().chunkRows(0),
                            "chunkRows must be >= 1 but was 0"),
                    Arguments.of((ThrowingCallable) () -> CsvFormat.builder().maxLineLength(0),
                            "maxLineLength must be between 1 and 1073741824 but was 0"),
                    Arguments.of((ThrowingCallable) () -> CsvFormat.builder().features(),
                            "features needs at least one column name"),
                    Arguments.of((ThrowingCallable) () -> CsvFormat.builder().dropColumns("a", "a"),
                            "dropColumns: 'a' is given more than once"),
                    Arguments.of((ThrowingCallable) () -> CsvFormat.builder().categorical(""),
                            "categorical: a column name must not be blank"));
        }

        @ParameterizedTest
        @MethodSource("badOptions")
        void option_methods_check_their_argument_at_once(ThrowingCallable option, String message) {
            assertThatThrownBy(option).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        }

        @Test
        void conflicting_options_are_refused() {
            assertThatThrownBy(() -> CsvFormat.builder().delimiter('"').build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("delimiter '\"', quote '\"' and comment (none) must be distinct characters");
            assertThatThrownBy(() -> CsvFormat.builder().comment(',').build())
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> CsvFormat.builder().features("a").dropColumns("b"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("features(...) and dropColumns(...) cannot be combined");
            assertThatThrownBy(() -> CsvFormat.builder().target("y").dropColumns("y").build())
                    .hasMessage("the target 'y' cannot also be dropped");
            assertThatThrownBy(() -> CsvFormat.builder().target("y").features("y").build())
                    .hasMessage("the target 'y' cannot also be a feature");
            assertThatThrownBy(() -> CsvFormat.builder().dropColumns("c").categorical("c").build())
                    .hasMessage("column 'c' is both dropped and categorical");
        }

        @Test
        void a_builder_stays_reusable_and_built_formats_do_not_change() throws IOException {
            CsvFormat.Builder builder = CsvFormat.builder().target("a");
            CsvFormat first = builder.build();
            builder.target("b");

            assertThat(read(first, "a,b\n1,2\n").targetName()).isEqualTo("a");
            assertThat(read(builder.build(), "a,b\n1,2\n").targetName()).isEqualTo("b");
        }
    }
}

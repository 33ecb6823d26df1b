package io.maas.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Property: a random table written as CSV (quoting, doubled quotes, line breaks inside fields, missing cells,
 * LF or CRLF, with or without a byte order mark and a final line break) reads back equal, bit for bit, whole or in
 * chunks.
 */
class CsvRoundTripTest {

    private static final String[] MISSING = {"", "NA", "NaN", "?", " NA ", "\"\"", "\"?\""};
    private static final String ALPHABET = "abcxyzé日本,\"\r\n ;'\t-0123456789.😀";

    /** One generated table: what was written, and the CSV text. */
    private record Table(List<String> numeric, List<String> categorical, double[][] values, String[][] levels,
            double[] target, String csv) {
    }

    @Test
    void random_tables_written_as_csv_read_back_equal() throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        for (int t = 0; t < 300; t++) {
            Table table = generate(random);
            CsvFormat format = format(table, 1 + random.nextInt(7));
            int number = t;
            Supplier<String> described = () -> "table " + number + ":\n" + table.csv();

            Dataset whole = random.nextBoolean()
                    ? format.read(new StringReader(table.csv()), "t.csv")
                    : format.read(new ByteArrayInputStream(
                            ((random.nextBoolean() ? "\uFEFF" : "") + table.csv()).getBytes(StandardCharsets.UTF_8)),
                            "t.csv");
            assertEqual(whole, 0, table, described);
            int row = 0;
            try (DatasetChunks chunks = format.chunks(new StringReader(table.csv()), "t.csv")) {
                for (Dataset chunk : chunks) {
                    assertEqual(chunk, row, table, described);
                    row += chunk.rowCount();
                }
            }
            assertThat(row).as(described).isEqualTo(table.target().length);
        }
    }

    private static CsvFormat format(Table table, int chunkRows) {
        CsvFormat.Builder format = CsvFormat.builder().chunkRows(chunkRows);
        if (!table.categorical().isEmpty()) {
            format.categorical(table.categorical().toArray(new String[0]));
        }
        return format.build();
    }

    private static void assertEqual(Dataset data, int firstRow, Table table, Supplier<String> described) {
        assertThat(data.featureNames()).as(described).isEqualTo(table.numeric());
        assertThat(data.categoricalNames()).as(described).isEqualTo(table.categorical());
        for (int i = 0; i < data.rowCount(); i++) {
            int r = firstRow + i;
            for (int j = 0; j < table.numeric().size(); j++) {
                assertThat(Double.doubleToRawLongBits(data.feature(i, j))).as(() -> described.get() + "\nrow " + r)
                        .isEqualTo(Double.doubleToRawLongBits(table.values()[r][j]));
            }
            for (int c = 0; c < table.categorical().size(); c++) {
                assertThat(data.category(i, c)).as(() -> described.get() + "\nrow " + r)
                        .isEqualTo(Optional.ofNullable(table.levels()[r][c]));
            }
            assertThat(Double.doubleToRawLongBits(data.target(i))).as(() -> described.get() + "\nrow " + r)
                    .isEqualTo(Double.doubleToRawLongBits(table.target()[r]));
        }
    }

    private static Table generate(SplittableRandom random) {
        int p = 1 + random.nextInt(4);
        int q = random.nextInt(3);
        int n = 1 + random.nextInt(25);
        String newline = random.nextBoolean() ? "\n" : "\r\n";
        List<String> numeric = new ArrayList<>();
        List<String> categorical = new ArrayList<>();
        List<String> header = new ArrayList<>();
        for (int j = 0; j < p + q; j++) {
            String name = (j < p ? "num" : "cat") + j + (random.nextInt(4) == 0 ? ", \"odd\"\nname" : "");
            (j < p ? numeric : categorical).add(name);
            header.add(name);
        }
        header.add("target");
        double[][] values = new double[n][p];
        String[][] levels = new String[n][q];
        double[] target = new double[n];
        StringBuilder csv = new StringBuilder();
        appendRecord(csv, header, random, newline);
        for (int i = 0; i < n; i++) {
            List<String> cells = new ArrayList<>();
            for (int j = 0; j < p; j++) {
                if (random.nextInt(8) == 0) {
                    values[i][j] = Double.NaN;
                    cells.add(MISSING[random.nextInt(MISSING.length)]);
                } else {
                    values[i][j] = randomNumber(random);
                    cells.add(quoteMaybe(Double.toString(values[i][j]), random));
                }
            }
            for (int c = 0; c < q; c++) {
                if (random.nextInt(8) == 0) {
                    cells.add(MISSING[random.nextInt(MISSING.length)]);
                } else {
                    levels[i][c] = randomLevel(random);
                    cells.add(quoteMaybe(levels[i][c], random));
                }
            }
            target[i] = randomNumber(random);
            cells.add(quoteMaybe(Double.toString(target[i]), random));
            appendRecord(csv, cells, random, i < n - 1 || random.nextBoolean() ? newline : "");
        }
        return new Table(numeric, categorical, values, levels, target, csv.toString());
    }

    private static void appendRecord(StringBuilder csv, List<String> cells, SplittableRandom random, String end) {
        for (int j = 0; j < cells.size(); j++) {
            String cell = cells.get(j);
            if (cell.startsWith("\"") && cell.endsWith("\"") && cell.length() >= 2) {
                csv.append(cell); // already quoted
            } else {
                csv.append(quoteMaybe(cell, random));
            }
            csv.append(j < cells.size() - 1 ? "," : end);
        }
    }

    private static String quoteMaybe(String cell, SplittableRandom random) {
        boolean needed = cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r");
        if (!needed && random.nextInt(5) != 0) {
            return cell;
        }
        return "\"" + cell.replace("\"", "\"\"") + "\"";
    }

    private static double randomNumber(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextInt(-1000, 1000);
            case 1 -> Math.round(random.nextDouble() * 1e6) / 1e3;
            case 2 -> anyFiniteBits(random);
            case 3 -> -0.0;
            case 4 -> Double.MIN_VALUE * random.nextInt(1, 1000);
            default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-20, 20));
        };
    }

    private static double anyFiniteBits(SplittableRandom random) {
        double value;
        do {
            value = Double.longBitsToDouble(random.nextLong());
        } while (!Double.isFinite(value));
        return value;
    }

    private static String trimSpacesAndTabs(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(start, end);
    }

    private static String randomLevel(SplittableRandom random) {
        String level;
        do {
            int length = 1 + random.nextInt(8);
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < length; k++) {
                int at = random.nextInt(ALPHABET.length());
                if (Character.isHighSurrogate(ALPHABET.charAt(at))) {
                    text.append(ALPHABET, at, at + 2);
                } else if (!Character.isLowSurrogate(ALPHABET.charAt(at))) {
                    text.append(ALPHABET.charAt(at));
                }
            }
            level = trimSpacesAndTabs(text.toString()); // as the reader trims every cell
        } while (level.isEmpty() || level.equals("NA") || level.equals("NaN") || level.equals("?"));
        return level;
    }
}

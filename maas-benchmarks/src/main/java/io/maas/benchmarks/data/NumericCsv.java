package io.maas.benchmarks.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes the seeded numeric CSV that the data benchmarks read: a header {@code x0,...,x18,y} and rows of 20
 * fixed-point numbers with six decimals, such as {@code -123.456789} (every third column scaled by 100) or
 * {@code 0.919408}: about 199 bytes a row, so 1,000,000 rows make a file of about 199 MB.
 */
final class NumericCsv {

    static final int COLUMNS = 20;

    private NumericCsv() {
    }

    /**
     * Writes {@code rows} rows into {@code file}, the same bytes for the same seed.
     *
     * @return the file's size in bytes
     */
    static long write(Path file, int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(256);
            for (int j = 0; j < COLUMNS - 1; j++) {
                line.append('x').append(j).append(',');
            }
            out.append(line).append("y\n");
            for (int i = 0; i < rows; i++) {
                line.setLength(0);
                for (int j = 0; j < COLUMNS; j++) {
                    double value = random.nextGaussian() * (j % 3 == 0 ? 100 : 1);
                    appendSixDecimals(line, value).append(j == COLUMNS - 1 ? '\n' : ',');
                }
                out.append(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends value rounded to six decimals, as String.format("%.6f") would, but a hundred times faster. */
    private static StringBuilder appendSixDecimals(StringBuilder line, double value) {
        long micros = Math.round(value * 1e6);
        if (micros < 0) {
            line.append('-');
            micros = -micros;
        }
        line.append(micros / 1_000_000).append('.');
        String fraction = Long.toString(micros % 1_000_000);
        for (int k = fraction.length(); k < 6; k++) {
            line.append('0');
        }
        return line.append(fraction);
    }
}

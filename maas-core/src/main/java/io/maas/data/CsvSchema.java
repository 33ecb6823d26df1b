package io.maas.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What each column of one CSV source becomes, resolved from a {@link CsvFormat}, the column names and, for
 * detection, the first rows: a numeric feature, a categorical feature, the target, or skipped.
 */
final class CsvSchema {

    static final byte NUMERIC = 0;
    static final byte CATEGORICAL = 1;
    static final byte TARGET = 2;
    static final byte SKIPPED = 3;

    final String source;
    final List<String> columnNames;
    final int width;
    /** Where the expected field count comes from, for messages: "the header" or "the first row". */
    final String widthOrigin;
    /** Per file column: NUMERIC, CATEGORICAL, TARGET or SKIPPED. */
    final byte[] kinds;
    /** Per file column: its index among the numeric or among the categorical features. */
    final int[] slots;
    final List<String> featureNames;
    final List<String> categoricalNames;
    final String targetName;
    final boolean detected;

    private CsvSchema(String source, List<String> columnNames, String widthOrigin, byte[] kinds, int[] slots,
            List<String> featureNames, List<String> categoricalNames, String targetName, boolean detected) {
        this.source = source;
        this.columnNames = List.copyOf(columnNames);
        this.width = columnNames.size();
        this.widthOrigin = widthOrigin;
        this.kinds = kinds;
        this.slots = slots;
        this.featureNames = List.copyOf(featureNames);
        this.categoricalNames = List.copyOf(categoricalNames);
        this.targetName = targetName;
        this.detected = detected;
    }

    /**
     * Resolves the columns.
     *
     * @param names  the header's names, or the generated names {@code x0, x1, ...} without a header
     * @param line   the header's line, named by errors about the columns
     * @param sample the first data rows, for categorical detection (may be empty when detection is off)
     */
    static CsvSchema resolve(CsvFormat format, String source, List<String> names, long line,
            List<RecordHandler.RawRecord> sample, MissingTokens missing) {
        boolean hasHeader = format.header() == CsvFormat.Header.PRESENT;
        String origin = hasHeader ? "the header" : "the first row";
        if (hasHeader) {
            validateHeader(names, source, line);
        }
        if (names.size() < 2) {
            throw new DataFormatException(source, line, null, String.format(Locale.ROOT,
                    "%s has %d column(s); expected at least one feature and the target", origin, names.size()));
        }
        Columns columns = new Columns(source, line, names, origin);
        int target = columns.target(format);
        List<Integer> features = columns.features(format, target);
        Set<Integer> categorical = columns.declaredCategorical(format, target, features);
        if (format.detectCategorical()) {
            for (int j : features) {
                if (!categorical.contains(j) && hasText(sample, j, missing)) {
                    categorical.add(j);
                }
            }
        }
        byte[] kinds = new byte[names.size()];
        int[] slots = new int[names.size()];
        Arrays.fill(kinds, SKIPPED);
        kinds[target] = TARGET;
        List<String> numericNames = new ArrayList<>();
        List<String> categoricalNames = new ArrayList<>();
        for (int j : features) {
            if (categorical.contains(j)) {
                kinds[j] = CATEGORICAL;
                slots[j] = categoricalNames.size();
                categoricalNames.add(names.get(j));
            } else {
                kinds[j] = NUMERIC;
                slots[j] = numericNames.size();
                numericNames.add(names.get(j));
            }
        }
        return new CsvSchema(source, names, origin, kinds, slots, numericNames, categoricalNames,
                names.get(target), format.detectCategorical());
    }

    /** Whether some sampled cell of column j is neither missing nor a number: the detection rule. */
    private static boolean hasText(List<RecordHandler.RawRecord> sample, int j, MissingTokens missing) {
        for (RecordHandler.RawRecord row : sample) {
            if (j >= row.fields().length) {
                continue; // a ragged row: reported when the row is read
            }
            String cell = row.fields()[j];
            if (!missing.matches(cell)) {
                try {
                    DecimalParser.parse(cell);
                } catch (NumberFormatException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void validateHeader(List<String> names, String source, long line) {
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < names.size(); j++) {
            String name = names.get(j);
            if (name.isBlank()) {
                throw new DataFormatException(source, line, null,
                        String.format(Locale.ROOT, "header field %d is blank; every column needs a name", j + 1));
            }
            if (!seen.add(name)) {
                throw new DataFormatException(source, line, name, "the column name appears more than once");
            }
        }
    }

    /** Looks up the columns a format names, with errors that list the header. */
    private record Columns(String source, long line, List<String> names, String origin) {

        int index(String name, String role) {
            int j = names.indexOf(name);
            if (j < 0) {
                throw error(String.format(Locale.ROOT, "no column is named '%s' (%s); %s has %s",
                        name, role, origin, names));
            }
            return j;
        }

        int target(CsvFormat format) {
            if (format.targetName().isPresent()) {
                return index(format.targetName().get(), "the target");
            }
            int j = format.targetIndex();
            if (j >= names.size()) {
                throw error(String.format(Locale.ROOT, "the target is column index %d but %s has %d columns %s",
                        j, origin, names.size(), names));
            }
            return j < 0 ? names.size() - 1 : j;
        }

        List<Integer> features(CsvFormat format, int target) {
            List<Integer> features = new ArrayList<>();
            if (!format.features().isEmpty()) {
                for (String name : format.features()) {
                    int j = index(name, "chosen as a feature");
                    if (j == target) {
                        throw error("column '" + name + "' is the target and cannot also be a feature");
                    }
                    features.add(j);
                }
                return features;
            }
            Set<Integer> dropped = new HashSet<>();
            for (String name : format.dropped()) {
                int j = index(name, "to drop");
                if (j == target) {
                    throw error("column '" + name + "' is the target and cannot be dropped");
                }
                dropped.add(j);
            }
            for (int j = 0; j < names.size(); j++) {
                if (j != target && !dropped.contains(j)) {
                    features.add(j);
                }
            }
            if (features.isEmpty()) {
                throw error("no feature column is left after dropping " + format.dropped() + "; " + origin
                        + " has " + names);
            }
            return features;
        }

        Set<Integer> declaredCategorical(CsvFormat format, int target, List<Integer> features) {
            Set<Integer> categorical = new HashSet<>();
            for (String name : format.categorical()) {
                int j = index(name, "declared categorical");
                if (j == target) {
                    throw error("column '" + name + "' is the target, which must be numeric; it cannot be categorical");
                }
                if (!features.contains(j)) {
                    throw error("column '" + name + "' is declared categorical but is not a feature");
                }
                categorical.add(j);
            }
            return categorical;
        }

        DataFormatException error(String message) {
            return new DataFormatException(source, line, null, message);
        }
    }
}

package io.maas.data;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The levels of one categorical column of a CSV source, in the order first seen, kept across all chunks of the
 * source so that a code means the same string in every chunk. Not thread-safe; owned by one reader.
 *
 * <p>A chunk's levels are a {@link #snapshot()} in O(1), not a copy, so a column with a million levels does not
 * cost a million copies per chunk: levels are only ever appended to an array, and a snapshot reads a prefix that
 * never changes afterwards (growing the array allocates a new one and leaves the old one to earlier snapshots).
 */
final class CategoryLevels {

    private final Map<String, Integer> codes = new HashMap<>();
    private String[] levels = new String[16];
    private int size;

    /** Returns the code of {@code level}, adding it as a new level if unseen. */
    int code(String level) {
        Integer code = codes.get(level);
        if (code == null) {
            if (size == levels.length) {
                levels = Arrays.copyOf(levels, 2 * size);
            }
            code = size;
            levels[size++] = level;
            codes.put(level, code);
        }
        return code;
    }

    /** Returns the levels seen so far, as an unmodifiable list that later levels do not change. */
    List<String> snapshot() {
        return new Prefix(levels, size);
    }

    /** An unmodifiable view of the first {@code size} elements of an array whose prefix never changes. */
    private static final class Prefix extends AbstractList<String> implements RandomAccess {

        private final String[] items;
        private final int size;

        Prefix(String[] items, int size) {
            this.items = items;
            this.size = size;
        }

        @Override
        public String get(int index) {
            return items[Objects.checkIndex(index, size)];
        }

        @Override
        public int size() {
            return size;
        }
    }
}

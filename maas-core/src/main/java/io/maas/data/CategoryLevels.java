package io.maas.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The levels of one categorical column of a CSV source, in the order first seen, kept across all chunks of the
 * source so that a code means the same string in every chunk. Not thread-safe; owned by one reader.
 */
final class CategoryLevels {

    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> levels = new ArrayList<>();

    /** Returns the code of {@code level}, adding it as a new level if unseen. */
    int code(String level) {
        Integer code = codes.get(level);
        if (code == null) {
            code = levels.size();
            codes.put(level, code);
            levels.add(level);
        }
        return code;
    }

    /** Returns the levels seen so far. */
    List<String> snapshot() {
        return List.copyOf(levels);
    }
}

package io.maas.persist;

/**
 * The limits a model file must keep, specified in {@code docs/model-format.md}: the reader checks each before it
 * allocates for the thing it limits, and the writer refuses a pipeline that would break one, so every file maas writes
 * can be read back. Sized for the largest pipelines maas can fit (100,000 columns) with room to spare, and small
 * enough that a hostile file cannot exhaust memory: at most {@link #MAX_VALUES} values of at most
 * {@link #MAX_FILE_BYTES} bytes.
 */
final class Limits {

    /** The largest model file, in bytes (64 MiB). */
    static final int MAX_FILE_BYTES = 64 * 1024 * 1024;
    /** The deepest nesting of objects and arrays, counting the top-level object as 1. */
    static final int MAX_DEPTH = 32;
    /** The most elements in one JSON array. */
    static final int MAX_ARRAY_LENGTH = 1_000_000;
    /** The most JSON values (objects, arrays, strings, numbers, literals) in one file. */
    static final int MAX_VALUES = 4_000_000;
    /** The longest string value, in UTF-16 chars. */
    static final int MAX_STRING_LENGTH = 65_536;
    /** The longest field name, in chars. */
    static final int MAX_FIELD_NAME_LENGTH = 256;
    /** The longest number literal, in chars ({@link Double#toString} never needs more than 24). */
    static final int MAX_NUMBER_LENGTH = 100;
    /** The most columns anywhere: features, stage inputs and outputs, coefficients. */
    static final int MAX_COLUMNS = 100_000;
    /** The most stages in a pipeline. */
    static final int MAX_STAGES = 1_000;
    /** The most levels of a one-hot encoder, over all its categorical columns: each is an output column. */
    static final int MAX_LEVELS = 100_000;
    /** The most terms × inputs of a polynomial stage (its output names take that much work and memory to build). */
    static final long MAX_POLYNOMIAL_CELLS = 10_000_000L;

    private Limits() {
    }
}

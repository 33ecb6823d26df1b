package io.maas.solver;

import io.maas.data.ChunkedSource;
import io.maas.data.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The rows of a least-squares problem read from a {@link ChunkedSource}, one chunk at a time, for the normal
 * equations' passes: memory is one chunk plus O(p²), whatever the number of rows.
 *
 * <p>Each chunk is split into fixed row ranges ({@link RowTasks}) run on the given threads, and the partial results
 * are merged in row order, chunk after chunk: the merged sums are the same to the bit on every pass and for any
 * number of threads, and equal, up to rounding, to those of the same rows in one dataset. The first pass records the
 * chunk sizes; a later pass that yields different rows fails rather than mixing two data sets. Constant columns are
 * found on the first pass by comparing every value with the column's first.
 *
 * <p>Mutable and confined to the thread of one fit.
 */
final class ChunkedRows implements NormalEquations.Rows {

    private final ChunkedSource source;
    private final Intercept intercept;
    private final double ridge;
    private final int parallelism;
    private final List<Integer> chunkSizes = new ArrayList<>();
    private List<String> featureNames;
    private String targetName;
    private long rows;
    private GramAccumulator gram;

    ChunkedRows(ChunkedSource source, Intercept intercept, double ridge, int parallelism) {
        this.source = source;
        this.intercept = intercept;
        this.ridge = ridge;
        this.parallelism = parallelism;
    }

    @Override
    public List<String> featureNames() {
        if (featureNames == null) {
            throw new IllegalStateException("the first pass has not run");
        }
        return featureNames;
    }

    @Override
    public Intercept intercept() {
        return intercept;
    }

    @Override
    public double ridge() {
        return ridge;
    }

    /** The number of rows the first pass read. */
    long rowCount() {
        return rows;
    }

    /** The number of chunks the first pass read. */
    int chunkCount() {
        return chunkSizes.size();
    }

    /** Σ w, from the first pass. */
    double totalWeight() {
        return gram.weight();
    }

    /** The target's name. */
    String targetName() {
        return targetName;
    }

    @Override
    public NormalEquations.GramPass gram() {
        try (Stream<Dataset> chunks = source.open()) {
            Iterator<Dataset> iterator = chunks.iterator();
            GramAccumulator total = null;
            double[] first = null;
            boolean[] varies = null;
            long largestRun = 0;
            int runs = 0;
            while (iterator.hasNext()) {
                Dataset chunk = iterator.next();
                Problem part = check(chunk, chunkSizes.size(), rows);
                int q = part.features() + 1;
                if (first == null) {
                    first = new double[q - 1];
                    chunk.copyRow(0, first, 0);
                    varies = new boolean[q - 1];
                }
                for (int j = 0; j < first.length; j++) {
                    for (int i = 0; i < chunk.rowCount() && !varies[j]; i++) {
                        varies[j] = chunk.feature(i, j) != first[j];
                    }
                }
                RowTasks tasks = RowTasks.of(chunk.rowCount(), q);
                List<GramAccumulator> parts = tasks.run(parallelism, t -> {
                    GramAccumulator accumulator = new GramAccumulator(q);
                    accumulator.add(chunk, part.weights(), tasks.from(t), tasks.to(t));
                    return accumulator;
                });
                for (GramAccumulator accumulator : parts) {
                    if (total == null) {
                        total = accumulator;
                    } else {
                        total.merge(accumulator);
                    }
                }
                largestRun = Math.max(largestRun, tasks.largest());
                runs += tasks.count();
                chunkSizes.add(chunk.rowCount());
                rows += chunk.rowCount();
            }
            if (total == null) {
                throw new IllegalArgumentException("the source has no rows");
            }
            gram = total;
            List<String> constant = new ArrayList<>();
            for (int j = 0; j < varies.length && hasIntercept(); j++) {
                if (!varies[j]) {
                    constant.add(featureNames.get(j));
                }
            }
            return new NormalEquations.GramPass(total, constant, largestRun, runs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public RefinementAccumulator refinement(double[] theta0) {
        RefinementAccumulator[] total = new RefinementAccumulator[1];
        pass("the refinement", (chunk, part) -> {
            RowTasks tasks = RowTasks.of(chunk.rowCount(), part.features() + 1);
            List<RefinementAccumulator> parts = tasks.run(parallelism, t -> {
                RefinementAccumulator accumulator = new RefinementAccumulator(theta0, intercept);
                accumulator.add(chunk, part.weights(), tasks.from(t), tasks.to(t));
                return accumulator;
            });
            for (RefinementAccumulator accumulator : parts) {
                if (total[0] == null) {
                    total[0] = accumulator;
                } else {
                    total[0].merge(accumulator);
                }
            }
        });
        return total[0];
    }

    @Override
    public double sumOfSquares(double[] theta) {
        Dot2 total = new Dot2();
        pass("the residual sum of squares", (chunk, part) ->
                total.add(Residuals.sumOfSquares(part, theta, new double[theta.length])));
        return total.value();
    }

    private interface ChunkAction {
        void accept(Dataset chunk, Problem part);
    }

    /** A later pass: the same chunk sizes as the first, each chunk checked again. */
    private void pass(String name, ChunkAction action) {
        try (Stream<Dataset> chunks = source.open()) {
            Iterator<Dataset> iterator = chunks.iterator();
            int index = 0;
            long row = 0;
            while (iterator.hasNext()) {
                Dataset chunk = iterator.next();
                if (index >= chunkSizes.size() || chunk.rowCount() != chunkSizes.get(index)) {
                    throw changed(name, index, chunk.rowCount());
                }
                action.accept(chunk, check(chunk, index, row));
                row += chunk.rowCount();
                index++;
            }
            if (index != chunkSizes.size()) {
                throw changed(name, index, 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private IllegalStateException changed(String name, int index, int size) {
        return new IllegalStateException(String.format(Locale.ROOT, "the source changed between passes: in the pass "
                        + "for %s, chunk %d has %d rows where the first pass read %s; a ChunkedSource must yield the "
                        + "same rows on every pass", name, index, size,
                index < chunkSizes.size() ? chunkSizes.get(index) + " rows" : "no such chunk"));
    }

    /** Validates one chunk (the same columns as the first, numeric, complete, good weights) and wraps it. */
    private Problem check(Dataset chunk, int index, long firstRow) {
        if (featureNames == null) {
            featureNames = chunk.featureNames();
            targetName = chunk.targetName();
        } else if (!chunk.featureNames().equals(featureNames) || !chunk.targetName().equals(targetName)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "chunk %d (from row %d) has features %s and target '%s'; the first chunk had %s and '%s'", index,
                    firstRow, chunk.featureNames(), chunk.targetName(), featureNames, targetName));
        }
        try {
            return LeastSquares.problem(chunk, null, intercept, ridge);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "chunk %d, whose row 0 is row %d of the source: %s", index, firstRow, e.getMessage()), e);
        }
    }
}

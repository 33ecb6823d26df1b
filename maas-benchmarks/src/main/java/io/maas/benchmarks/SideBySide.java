package io.maas.benchmarks;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times the in-memory least-squares fit of two builds of maas in one JVM, alternately, and prints the median ratio of
 * their times: a paired comparison that resolves differences of a few percent on a shared host, where JMH's forks of
 * one jar can differ by 10-15 %.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Xms6g -Xmx6g -XX:+AlwaysPreTouch \
 *     -cp maas-benchmarks/target/benchmarks.jar io.maas.benchmarks.SideBySide before.jar after.jar 1000000x20 2 60
 * </pre>
 * Each jar is a benchmark jar (maas and its dependencies, shaded) loaded by a class loader of its own, with its own
 * copy of the seeded {@link Problems} data, so both JIT-compile their own code. Each round fits once with each, A
 * first in even rounds and B first in odd ones; the first half of the rounds is warm-up. The ratio B/A is taken per
 * round and its median and quartiles printed with the medians of the times. The side a jar is loaded on can itself
 * shift the ratio by a few percent (a jar against itself measured 0.89-0.98 here), so run both orders and take the
 * geometric mean of the two ratios (A/B from the swapped run inverted).
 */
public final class SideBySide {

    private SideBySide() {
    }

    /** One build: its data and its solver, called by reflection. */
    private static final class Build {

        private final Object solver;
        private final Object data;
        private final Method solve;

        Build(String jar, String shape, int threads) throws ReflectiveOperationException, IOException {
            ClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Class<?> problems = loader.loadClass("io.maas.benchmarks.Problems");
            Class<?> size = loader.loadClass("io.maas.benchmarks.Problems$Size");
            Class<?> dataset = loader.loadClass("io.maas.data.Dataset");
            data = problems.getMethod("dataset", size).invoke(null, size.getMethod("parse", String.class)
                    .invoke(null, shape));
            Class<?> leastSquares = loader.loadClass("io.maas.solver.LeastSquares");
            Object builder = leastSquares.getMethod("builder").invoke(null);
            builder = builder.getClass().getMethod("parallelism", int.class).invoke(builder, threads);
            solver = builder.getClass().getMethod("build").invoke(builder);
            solve = leastSquares.getMethod("solve", dataset);
        }

        double fitMillis() throws IllegalAccessException, InvocationTargetException {
            long start = System.nanoTime();
            solve.invoke(solver, data);
            return (System.nanoTime() - start) / 1e6;
        }
    }

    /**
     * Runs the comparison.
     *
     * @param args jar A, jar B, the shape (as {@link Problems.Size#parse}), the threads, the rounds (at least 4)
     * @throws Exception if a jar cannot be loaded or a fit fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: SideBySide <a.jar> <b.jar> <shape> <threads> <rounds>");
        }
        int threads = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        if (rounds < 4) {
            throw new IllegalArgumentException("at least 4 rounds, the first half warm-up; got " + rounds);
        }
        Build a = new Build(args[0], args[2], threads);
        Build b = new Build(args[1], args[2], threads);
        int measured = rounds - rounds / 2;
        double[] timesA = new double[measured];
        double[] timesB = new double[measured];
        double[] ratios = new double[measured];
        for (int round = 0; round < rounds; round++) {
            double ta;
            double tb;
            if (round % 2 == 0) {
                ta = a.fitMillis();
                tb = b.fitMillis();
            } else {
                tb = b.fitMillis();
                ta = a.fitMillis();
            }
            int at = round - rounds / 2;
            if (at >= 0) {
                timesA[at] = ta;
                timesB[at] = tb;
                ratios[at] = tb / ta;
            }
        }
        Arrays.sort(timesA);
        Arrays.sort(timesB);
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "%s on %d thread(s), last %d of %d rounds: A median %.2f ms, B median %.2f ms,"
                        + " B/A median %.3f (quartiles %.3f-%.3f)%n", args[2], threads, measured, rounds,
                median(timesA), median(timesB), median(ratios), ratios[measured / 4], ratios[3 * measured / 4]);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

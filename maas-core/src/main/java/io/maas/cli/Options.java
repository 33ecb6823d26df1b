package io.maas.cli;

import io.maas.solver.Intercept;
import io.maas.solver.Precision;
import io.maas.solver.RankPolicy;
import java.util.Locale;

/**
 * The parsed command line. {@code trainRows} is 0 when the split is by {@code trainFraction}.
 */
record Options(boolean help, String data, String target, double trainFraction, int trainRows, long seed,
               boolean json, Intercept intercept, Solver solver, RankPolicy policy, Precision precision,
               double ridge, int folds, String save, boolean serve, String model, String host, int port,
               int threads, boolean chunked, boolean progress) {

    /** The options {@code fit --chunked} accepts besides the command itself. */
    private static final java.util.Set<String> CHUNKED_OPTIONS = java.util.Set.of("--chunked", "--progress",
            "--data", "--target", "--no-intercept", "--ridge", "--json", "--help", "-h");

    /** The solver chosen with --solver. */
    enum Solver {
        /** Least squares: QR, extended precision when needed. */
        QR,
        /** Gradient descent on J(θ). */
        GD
    }

    static Options parse(String[] args) {
        boolean help = false;
        boolean json = false;
        boolean fit = false;
        boolean serve = false;
        String save = null;
        String model = null;
        String host = "127.0.0.1";
        int port = 8080;
        int threads = 4;
        String data = null;
        String target = null;
        double trainFraction = 0.8;
        int trainRows = 0;
        long seed = 42;
        Intercept intercept = Intercept.FIT;
        Solver solver = Solver.QR;
        RankPolicy policy = RankPolicy.GRADIENT_DESCENT;
        Precision precision = Precision.AUTO;
        double ridge = 0;
        int folds = 5;
        boolean chunked = false;
        boolean progress = false;
        java.util.List<String> given = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            given.add(arg);
            switch (arg) {
                case "--chunked" -> chunked = true;
                case "--progress" -> progress = true;
                case "--help", "-h" -> help = true;
                case "--json" -> json = true;
                case "quickstart" -> requireFirst(i, arg);
                case "fit" -> {
                    requireFirst(i, arg);
                    fit = true;
                }
                case "serve" -> {
                    requireFirst(i, arg);
                    serve = true;
                }
                case "--save" -> save = value(args, ++i, arg);
                case "--model" -> model = value(args, ++i, arg);
                case "--host" -> host = value(args, ++i, arg);
                case "--port" -> port = port(value(args, ++i, arg));
                case "--threads" -> threads = positive(value(args, ++i, arg), arg);
                case "--data" -> data = value(args, ++i, arg);
                case "--target" -> target = value(args, ++i, arg);
                case "--train-fraction" -> trainFraction = fraction(value(args, ++i, arg));
                case "--train-rows" -> trainRows = positive(value(args, ++i, arg), arg);
                case "--seed" -> seed = seed(value(args, ++i, arg));
                case "--no-intercept" -> intercept = Intercept.NONE;
                case "--solver" -> solver = choice(Solver.class, value(args, ++i, arg), arg);
                case "--policy" -> policy = choice(RankPolicy.class, value(args, ++i, arg), arg);
                case "--precision" -> precision = choice(Precision.class, value(args, ++i, arg), arg);
                case "--ridge" -> ridge = nonNegative(value(args, ++i, arg), arg);
                case "--folds" -> folds = folds(value(args, ++i, arg));
                default -> throw new IllegalArgumentException(arg.startsWith("-")
                        ? "unknown option '" + arg + "'"
                        : "unknown command '" + arg + "'");
            }
        }
        if (!help && fit && data == null) {
            throw new IllegalArgumentException("fit needs --data FILE");
        }
        if (!help && !fit && (data != null || target != null)) {
            throw new IllegalArgumentException("--data and --target belong to the fit command");
        }
        if (!help && serve && model == null) {
            throw new IllegalArgumentException("serve needs --model FILE");
        }
        if (!help && !serve && model != null) {
            throw new IllegalArgumentException("--model belongs to the serve command");
        }
        if (!help && chunked) {
            if (!fit) {
                throw new IllegalArgumentException("--chunked belongs to the fit command");
            }
            for (String arg : given) {
                if (arg.startsWith("-") && !CHUNKED_OPTIONS.contains(arg)) {
                    throw new IllegalArgumentException("fit --chunked fits all rows by least squares and takes "
                            + "only --data, --target, --no-intercept, --ridge, --json and --progress, not " + arg);
                }
            }
        }
        if (!help && progress && !chunked) {
            throw new IllegalArgumentException("--progress belongs to fit --chunked");
        }
        return new Options(help, data, target, trainFraction, trainRows, seed, json, intercept, solver, policy,
                precision, ridge, folds, save, serve, model, host, port, threads, chunked, progress);
    }

    private static void requireFirst(int index, String command) {
        if (index != 0) {
            throw new IllegalArgumentException("the command '" + command + "' must come first");
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static double fraction(String text) {
        try {
            double f = Double.parseDouble(text);
            if (f > 0 && f < 1) {
                return f;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--train-fraction must be a number between 0 and 1 but was '" + text + "'");
    }

    private static int positive(String text, String option) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a whole number >= 1 but was '" + text + "'");
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--port must be a whole number from 0 to 65535 but was '" + text + "'");
    }

    private static int folds(String text) {
        try {
            int k = Integer.parseInt(text);
            if (k == 0 || k >= 2) {
                return k;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--folds must be 0 (no cross-validation) or a whole number >= 2 but was '"
                + text + "'");
    }

    private static double nonNegative(String text, String option) {
        try {
            double v = Double.parseDouble(text);
            if (v >= 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a finite number >= 0 but was '" + text + "'");
    }

    private static long seed(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be an integer but was '" + text + "'");
        }
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String text, String option) {
        String name = text.toUpperCase(Locale.ROOT).replace('-', '_');
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(name)) {
                return value;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E value : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(value.name().toLowerCase(Locale.ROOT)
                    .replace('_', '-'));
        }
        throw new IllegalArgumentException(option + " must be one of " + allowed + " but was '" + text + "'");
    }
}

package io.maas.cli;

import io.maas.data.CsvFormat;
import io.maas.data.DataFormatException;
import io.maas.data.Dataset;
import io.maas.data.SampleData;
import io.maas.data.TrainTestSplit;
import io.maas.model.LinearModel;
import io.maas.model.LinearRegression;
import io.maas.pipeline.Evaluation;
import io.maas.pipeline.FittedPipeline;
import io.maas.pipeline.Pipeline;
import io.maas.solver.SolverException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code java -jar maas-core-VERSION-cli.jar [quickstart | fit --data FILE] [options]}: fits linear regression and
 * prints a report. Exit status 0 on success, 1 when the data cannot be read or fitted, 2 on a usage error; errors
 * are one line on standard error, without a stack trace.
 */
public final class Main {

    static final String USAGE = """
            usage: java -jar maas-core-cli.jar [COMMAND] [OPTIONS]

            Fits linear regression (least squares, QR), splits the data into train and test rows,
            and prints the coefficients, the test metrics and one example prediction.

            commands:
              quickstart                 (default) run on the bundled diabetes data (442 rows, 10 features)
              fit --data FILE            run on your CSV file: header row, numeric cells, UTF-8

            options:
              --target NAME              the column to predict (default: the last column)
              --train-fraction F         share of rows used for training, 0 < F < 1 (default 0.8)
              --seed N                   seed of the shuffled split (default 42)
              --json                     print the report as JSON on standard output
              --help                     print this text
            """;

    private Main() {
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the command and options
     */
    public static void main(String[] args) {
        // The application, not the library, chooses the log level: quiet unless something goes wrong.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** Runs the command line, writing to the given streams, and returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("maas: " + e.getMessage() + " (see --help)");
            return 2;
        }
        if (options.help()) {
            out.print(USAGE);
            return 0;
        }
        try {
            Report report = fit(options);
            out.print(options.json() ? Json.write(report.toJson()) : report.toText());
            return 0;
        } catch (NoSuchFileException e) {
            err.println("maas: cannot read " + e.getFile() + ": no such file");
        } catch (AccessDeniedException e) {
            err.println("maas: cannot read " + e.getFile() + ": permission denied");
        } catch (IOException e) {
            err.println("maas: cannot read " + options.data() + ": " + e.getMessage());
        } catch (DataFormatException | SolverException | IllegalArgumentException e) {
            err.println("maas: " + e.getMessage());
        } catch (RuntimeException e) {
            err.println("maas: unexpected error: " + e);
        }
        return 1;
    }

    private static Report fit(Options options) throws IOException {
        Dataset data;
        String source;
        if (options.data() == null) {
            data = SampleData.diabetes();
            source = "diabetes.csv (bundled with maas)";
        } else {
            Path path = Path.of(options.data());
            CsvFormat format = options.target() == null
                    ? CsvFormat.defaults()
                    : CsvFormat.builder().target(options.target()).build();
            data = format.read(path);
            source = path.toString();
        }
        TrainTestSplit split = TrainTestSplit.shuffled(data, options.trainFraction(), options.seed());
        Pipeline pipeline = Pipeline.builder()
                .model(LinearRegression.leastSquares())
                .build();
        FittedPipeline fitted = pipeline.fit(split.train());
        Evaluation evaluation = fitted.evaluate(split.test());
        double[] example = split.test().row(0);
        return new Report(options, source, data, split, (LinearModel) fitted.model(), evaluation, example,
                fitted.predict(example), split.test().target(0));
    }

    /** The parsed command line. */
    record Options(boolean help, String data, String target, double trainFraction, long seed, boolean json) {

        static Options parse(String[] args) {
            boolean help = false;
            boolean json = false;
            boolean fit = false;
            String data = null;
            String target = null;
            double trainFraction = 0.8;
            long seed = 42;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help", "-h" -> help = true;
                    case "--json" -> json = true;
                    case "quickstart" -> requireFirst(i, arg);
                    case "fit" -> {
                        requireFirst(i, arg);
                        fit = true;
                    }
                    case "--data" -> data = value(args, ++i, arg);
                    case "--target" -> target = value(args, ++i, arg);
                    case "--train-fraction" -> trainFraction = fraction(value(args, ++i, arg));
                    case "--seed" -> seed = seed(value(args, ++i, arg));
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
            return new Options(help, data, target, trainFraction, seed, json);
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
            throw new IllegalArgumentException("--train-fraction must be a number between 0 and 1 but was '"
                    + text + "'");
        }

        private static long seed(String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seed must be an integer but was '" + text + "'");
            }
        }
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}

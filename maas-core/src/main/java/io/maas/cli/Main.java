package io.maas.cli;

import io.maas.data.CsvFormat;
import io.maas.data.DataFormatException;
import io.maas.data.Dataset;
import io.maas.data.SampleData;
import io.maas.data.TrainTestSplit;
import io.maas.model.LinearModel;
import io.maas.model.LinearRegression;
import io.maas.pipeline.CrossValidation;
import io.maas.pipeline.CrossValidationResult;
import io.maas.persist.ModelFile;
import io.maas.persist.ModelFormatException;
import io.maas.persist.SavedModel;
import io.maas.pipeline.Evaluation;
import io.maas.pipeline.FittedPipeline;
import io.maas.serve.PredictionServer;
import io.maas.pipeline.Pipeline;
import io.maas.solver.GradientDescent;
import io.maas.solver.LeastSquares;
import io.maas.solver.SolverException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code java -jar maas-core-VERSION-cli.jar [quickstart | fit --data FILE] [options]}: fits linear regression and
 * prints a report. Exit status 0 on success, 1 when the data cannot be read or fitted, 2 on a usage error; errors
 * are one line on standard error, without a stack trace.
 */
public final class Main {

    static final String USAGE = """
            usage: java -jar maas-core-cli.jar [COMMAND] [OPTIONS]

            Fits linear regression, splits the data into train and test rows, and prints the
            coefficients with their standard errors, the test metrics and one example prediction.

            commands:
              quickstart                 (default) run on the bundled diabetes data (442 rows, 10 features)
              fit --data FILE            run on your CSV file: header row, numeric cells, UTF-8
              fit --data FILE --chunked  fit every row of a file of any size, read in chunks twice (least
                                         squares; takes --target, --no-intercept, --ridge, --json only)
              serve --model FILE         serve a saved model over HTTP: POST /predict, GET /metrics, /health, /model

            data options:
              --target NAME              the column to predict (default: the last column)
              --train-fraction F         share of rows, shuffled, used for training, 0 < F < 1 (default 0.8)
              --seed N                   seed of the shuffled split (default 42)
              --train-rows N             train on the first N rows instead, test on the rest (N may be all rows:
                                         then there is no test report)
              --folds K                  K-fold cross-validation on the training rows (default 5; 0 to skip)
            model options:
              --no-intercept             fit y = xᵀβ through the origin
              --solver qr|gd             direct least squares (default) or gradient descent on J(θ)
              --precision auto|double|extended
                                         arithmetic of the direct solver (default auto: refined normal
                                         equations, else QR, else extended precision, as accuracy needs)
              --policy fail|minimum-norm|gradient-descent
                                         what to do with a rank-deficient design (default gradient-descent)
              --ridge LAMBDA             L2 penalty on the coefficients, intercept not penalised (default 0)
            output:
              --json                     print the report as JSON on standard output
              --save FILE                save the fitted pipeline and its model card (JSON model file)
              --progress                 with --chunked: show progress on standard error even without a
                                         terminal (shown by default when the JVM has a console)
            serve options:
              --host ADDRESS             address to bind (default 127.0.0.1)
              --port N                   port (default 8080; 0 picks a free one)
              --threads N                worker threads (default 4); a request that takes more than 30 s
                                         to arrive is cut off (-Dsun.net.httpserver.maxReqTime=SECONDS)
              --help                     print this text
            """;

    /** Seconds the JDK HTTP server allows for a request to arrive; SlowClientTest shows why serve sets it. */
    static final String REQUEST_TIME_LIMIT = "sun.net.httpserver.maxReqTime";

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
        // A client that starts a request and never finishes it holds one of serve's worker threads; the JDK server's
        // only guard is a JVM-wide limit on the time to read a request, so the application sets it, not the library.
        if (System.getProperty(REQUEST_TIME_LIMIT) == null) {
            System.setProperty(REQUEST_TIME_LIMIT, "30");
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
        if (options.serve()) {
            return serve(options, out, err);
        }
        try {
            if (options.chunked()) {
                out.print(ChunkedFit.run(options, err));
                return 0;
            }
            Report report = fit(options);
            out.print(options.json() ? Json.write(report.toJson()) : report.toText());
            return 0;
        } catch (ModelFormatException e) {
            err.println("maas: " + e.getMessage());
        } catch (NoSuchFileException e) {
            err.println("maas: cannot read " + e.getFile() + ": no such file");
        } catch (AccessDeniedException e) {
            err.println("maas: cannot read " + e.getFile() + ": permission denied");
        } catch (IOException e) {
            err.println("maas: cannot read " + options.data() + ": " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            err.println("maas: cannot read " + options.data() + ": " + e.getCause().getMessage());
        } catch (DataFormatException | SolverException | IllegalArgumentException | IllegalStateException e) {
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
        Dataset train;
        Optional<Dataset> test;
        String split;
        if (options.trainRows() > 0) {
            if (options.trainRows() > data.rowCount()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "--train-rows %d is more than the %d rows of the data", options.trainRows(),
                        data.rowCount()));
            }
            if (options.trainRows() == data.rowCount()) {
                train = data;
                test = Optional.empty();
            } else {
                TrainTestSplit parts = TrainTestSplit.firstRows(data, options.trainRows());
                train = parts.train();
                test = Optional.of(parts.test());
            }
            split = "first " + options.trainRows() + " rows train";
        } else {
            TrainTestSplit parts = TrainTestSplit.shuffled(data, options.trainFraction(), options.seed());
            train = parts.train();
            test = Optional.of(parts.test());
            split = String.format(Locale.ROOT, "shuffled, seed %d, train fraction %s", options.seed(),
                    options.trainFraction());
        }
        Pipeline pipeline = Pipeline.builder().model(estimator(options)).build();
        FittedPipeline fitted = pipeline.fit(train);
        Optional<Evaluation> evaluation = test.map(fitted::evaluate);
        if (options.save() != null) {
            SavedModel saved = SavedModel.of(fitted);
            ModelFile.save(evaluation.map(saved::withEvaluation).orElse(saved), Path.of(options.save()));
        }
        Optional<CrossValidationResult> crossValidation = options.folds() == 0 ? Optional.empty()
                : Optional.of(CrossValidation.folds(options.folds(), options.seed()).evaluate(pipeline, train));
        return new Report(source, data, split, train, test, pipeline, (LinearModel) fitted.model(), evaluation,
                crossValidation, options.folds());
    }

    /** Loads the model, serves it until SIGTERM or SIGINT, and returns the exit status. */
    private static int serve(Options options, PrintStream out, PrintStream err) {
        PredictionServer server;
        try {
            server = startServer(options);
        } catch (ModelFormatException e) {
            err.println("maas: " + e.getMessage());
            return 1;
        } catch (NoSuchFileException e) {
            err.println("maas: cannot read " + e.getFile() + ": no such file");
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            err.println("maas: cannot serve: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(server.shutdownHook(PredictionServer.DEFAULT_GRACE));
        out.println("maas: serving " + options.model() + " at " + server.uri() + " (POST /predict, GET /metrics, "
                + "/health, /model); stop with Ctrl-C or SIGTERM");
        try {
            server.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(PredictionServer.DEFAULT_GRACE);
        }
        return 0;
    }

    /** Loads the saved model and starts the server; the caller stops it. */
    static PredictionServer startServer(Options options) throws IOException {
        SavedModel saved = ModelFile.load(Path.of(options.model()));
        return PredictionServer.start(saved.pipeline(), Json.write(card(saved, options.model())).trim(),
                new InetSocketAddress(options.host(), options.port()), options.threads());
    }

    /** The model card GET /model answers with: what the model is, where it came from and how it did. */
    static Map<String, Object> card(SavedModel saved, String file) {
        FittedPipeline pipeline = saved.pipeline();
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("file", file);
        card.put("formatVersion", ModelFile.FORMAT_VERSION);
        card.put("maasVersion", saved.maasVersion());
        card.put("created", saved.created().toString());
        card.put("task", pipeline.pipeline().model().task().name().toLowerCase(Locale.ROOT));
        card.put("target", pipeline.targetName());
        card.put("features", List.copyOf(pipeline.featureNames()));
        card.put("trainingRows", pipeline.trainingRows());
        card.put("model", pipeline.model().diagnostics().method());
        card.put("diagnostics", pipeline.model().diagnostics().toString());
        saved.evaluation().ifPresent(evaluation -> {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("rows", evaluation.rows());
            evaluation.values().forEach((metric, value) -> values.put(metric.name().toLowerCase(Locale.ROOT),
                    value));
            card.put("evaluation", values);
        });
        return card;
    }

    private static LinearRegression estimator(Options options) {
        if (options.solver() == Options.Solver.GD) {
            return LinearRegression.gradientDescent(GradientDescent.builder()
                    .intercept(options.intercept())
                    .ridge(options.ridge())
                    .build());
        }
        return LinearRegression.leastSquares(LeastSquares.builder()
                .intercept(options.intercept())
                .precision(options.precision())
                .rankPolicy(options.policy())
                .ridge(options.ridge())
                .build());
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}

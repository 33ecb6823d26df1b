package io.maas.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/** Reads the scikit-learn 1.2.1 reference values copied into src/test/resources/reference/metrics.json from the project's reference results (see NOTICE). */
final class Reference {

    private Reference() {
    }

    static JsonNode metrics() {
        try (InputStream in = Reference.class.getResourceAsStream("/reference/metrics.json")) {
            if (in == null) {
                throw new IllegalStateException("test resource /reference/metrics.json is missing");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).intValue();
        }
        return values;
    }

    static long[][] matrix(JsonNode rows) {
        long[][] values = new long[rows.size()][];
        for (int i = 0; i < values.length; i++) {
            JsonNode row = rows.get(i);
            values[i] = new long[row.size()];
            for (int j = 0; j < row.size(); j++) {
                values[i][j] = row.get(j).longValue();
            }
        }
        return values;
    }
}

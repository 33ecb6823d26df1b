package io.maas.solver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/** Reads the scikit-learn reference results copied into the test resources (see NOTICE). */
@SuppressWarnings("exports") // test code: Jackson's types need not be visible to other modules
public final class Reference {

    private Reference() {
    }

    /** Returns the parsed JSON of a resource under /reference/, such as "diabetes.json". */
    public static JsonNode json(String name) {
        try (InputStream in = Reference.class.getResourceAsStream("/reference/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /reference/" + name + " is missing");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}

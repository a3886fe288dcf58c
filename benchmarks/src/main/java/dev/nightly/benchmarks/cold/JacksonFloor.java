package dev.nightly.benchmarks.cold;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.File;
import java.io.IOException;

/**
 * The floor of a cold ingest, run as its own process: a JVM start plus one bare streaming pass of a default
 * Jackson factory over the files. No command that reads the files can do less; the suite divides by it.
 */
public final class JacksonFloor {
    private JacksonFloor() {
    }

    public static void main(String[] args) throws IOException {
        JsonFactory factory = new JsonFactory();
        long tokens = 0;
        for (String file : args) {
            try (JsonParser parser = factory.createParser(new File(file))) {
                JsonToken token;
                while ((token = parser.nextToken()) != null) {
                    tokens += token.id();
                }
            }
        }
        // Printed so that the loop cannot be optimised away and a reader can see the pass covered the data.
        System.out.println(tokens);
    }
}

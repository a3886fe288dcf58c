package dev.nightly.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The floor of the command line's figures: one JVM start plus a bare Jackson streaming pass (a
 * {@code nextToken} loop with a default factory) over the files given, run as its own process.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.nightly.benchmarks.JacksonFloor FILE...</pre>
 */
public final class JacksonFloor {
    private JacksonFloor() {
    }

    public static void main(String[] args) throws IOException {
        JsonFactory factory = new JsonFactory();
        long tokens = 0;
        for (String file : args) {
            try (JsonParser parser = factory.createParser(Path.of(file).toFile())) {
                JsonToken token;
                while ((token = parser.nextToken()) != null) {
                    tokens += token.id();
                }
            }
        }
        System.out.println(tokens);
    }
}

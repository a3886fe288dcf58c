package dev.nightly.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The ECharts library the report bundles, taken from the {@code org.webjars.npm:echarts} jar on the
 * class path, so the report needs no network and always carries the version the build was tested with.
 */
final class EChartsAsset {
    private static final String POM_PROPERTIES = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

    private EChartsAsset() {
    }

    /** The webjar's version, e.g. {@code 5.3.1}. */
    static String version() {
        try (InputStream in = open(POM_PROPERTIES)) {
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version");
            if (version == null || version.isBlank()) {
                throw new IllegalStateException(POM_PROPERTIES + " names no version");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The minified library. */
    static byte[] minifiedScript() {
        String path = "META-INF/resources/webjars/echarts/" + version() + "/dist/echarts.min.js";
        try (InputStream in = open(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String path) {
        InputStream in = EChartsAsset.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("ECharts is missing from the class path (" + path
                    + "); the org.webjars.npm:echarts jar must be a dependency");
        }
        return in;
    }
}

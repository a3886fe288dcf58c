package io.jenkins.plugins.hawd.trend;

import dev.nightly.bench.store.SeriesInfo;
import java.util.Map;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** One series in the job's {@code benchmarks/api/json}: what it is and where its points are. */
@ExportedBean(defaultVisibility = 2)
public final class SeriesSummary {
    private final SeriesInfo info;

    SeriesSummary(SeriesInfo info) {
        this.info = info;
    }

    @Exported
    public String getId() {
        return info.key().id();
    }

    @Exported
    public String getDataset() {
        return info.key().dataset();
    }

    @Exported
    public String getMeasure() {
        return info.key().measure();
    }

    @Exported
    public Map<String, String> getParameters() {
        return info.key().parameters();
    }

    @Exported
    public String getUnit() {
        return info.unit();
    }

    @Exported
    public int getPoints() {
        return info.count();
    }

    @Exported
    public long getFirstBuild() {
        return info.firstBuild();
    }

    @Exported
    public long getLastBuild() {
        return info.lastBuild();
    }

    /** Relative URL of the series' page and {@code api/json} below the job's {@code benchmarks/}. */
    @Exported
    public String getUrl() {
        return "series/" + SeriesLinks.token(info.key().id()) + "/";
    }
}

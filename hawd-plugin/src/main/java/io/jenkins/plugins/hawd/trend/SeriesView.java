package io.jenkins.plugins.hawd.trend;

import dev.nightly.bench.model.Numbers;
import dev.nightly.bench.model.Point;
import dev.nightly.bench.model.Series;
import dev.nightly.bench.model.SeriesKey;
import hudson.model.Api;
import hudson.model.Item;
import hudson.model.Job;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.bind.JavaScriptMethod;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** The trend page and the {@code api/json} history of one series ({@code benchmarks/series/TOKEN/}). */
@ExportedBean
public class SeriesView {
    static final int TABLE_ROWS = 100;

    private final BenchmarkJobAction owner;
    private final SeriesKey key;

    SeriesView(BenchmarkJobAction owner, SeriesKey key) {
        this.owner = owner;
        this.key = key;
    }

    public BenchmarkJobAction getOwner() {
        return owner;
    }

    public Job<?, ?> getJob() {
        return owner.getJob();
    }

    public String getDisplayName() {
        return key.id();
    }

    public Api getApi() {
        getJob().checkPermission(Item.READ);
        return new Api(this);
    }

    @Exported
    public String getId() {
        return key.id();
    }

    @Exported
    public String getDataset() {
        return key.dataset();
    }

    @Exported
    public String getMeasure() {
        return key.measure();
    }

    @Exported
    public java.util.Map<String, String> getParameters() {
        return key.parameters();
    }

    @Exported
    public String getUnit() {
        return owner.seriesUnit(key);
    }

    /** Every point of the series in time order. */
    @Exported(inline = true)
    public List<PointRow> getPoints() {
        Series series = owner.readSeries(key);
        List<PointRow> rows = new ArrayList<>(series.points().size());
        for (Point point : series.points()) {
            rows.add(new PointRow(point));
        }
        return rows;
    }

    /** The newest points first, at most {@value #TABLE_ROWS}, for the page's table. */
    public List<PointRow> getNewestPoints() {
        // The end of the series file only, not the whole history.
        List<Point> points = owner.readNewest(key, TABLE_ROWS).points();
        List<PointRow> newest = new ArrayList<>(points.size());
        for (int i = points.size() - 1; i >= 0; i--) {
            newest.add(new PointRow(points.get(i)));
        }
        return newest;
    }

    /** The ECharts option page of this series alone. */
    @JavaScriptMethod
    public String getCharts(int builds, String axis) {
        getJob().checkPermission(Item.READ);
        return owner.seriesChart(key, builds, axis);
    }

    /** One point of a series in {@code api/json}. */
    @ExportedBean(defaultVisibility = 3)
    public static final class PointRow {
        private final Point point;

        PointRow(Point point) {
            this.point = point;
        }

        @Exported
        public long getBuild() {
            return point.build();
        }

        @Exported
        public String getCommit() {
            return point.commit();
        }

        /** ISO-8601 local time of the measurement. */
        @Exported
        public String getTime() {
            return point.time().toString();
        }

        @Exported
        public double getValue() {
            return point.value();
        }

        public String getValueText() {
            return Numbers.format(point.value());
        }
    }
}

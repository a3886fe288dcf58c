package dev.nightly.bench.changes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Change points with their status as JSON, for {@code bench changes --json} and a Changes page:
 * <pre>{@code
 * {"changes": [{"series": "mail_query/queryTime{rows=5000}", "dataset": "mail_query", "measure": "queryTime",
 *   "parameters": {"rows": "5000"}, "unit": "ms", "build": 12, "commit": "d3454576f",
 *   "buildBefore": 11, "commitBefore": "23df7ef84", "levelBefore": 215.5, "levelAfter": 276.0,
 *   "change": 60.5, "changePercent": 28.07, "kind": "regression", "pValue": 0.001, "status": "open",
 *   "acknowledgement": {"status": "bug", "note": "https://...", "user": "anna", "time": "2026-11-28T09:12:00Z"}}]}
 * }</pre>
 * ({@code acknowledgement} only where there is one.)
 */
public final class ChangesJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangesJson() {
    }

    public static String write(List<TrackedChange> changes) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("changes");
        for (TrackedChange tracked : changes) {
            ChangePoint c = tracked.change();
            ObjectNode node = array.addObject();
            node.put("series", c.key().id());
            node.put("dataset", c.key().dataset());
            node.put("measure", c.key().measure());
            ObjectNode parameters = node.putObject("parameters");
            c.key().parameters().forEach(parameters::put);
            node.put("unit", c.unit());
            node.put("build", c.build());
            node.put("commit", c.firstAfter().commit());
            node.put("buildBefore", c.lastBefore().build());
            node.put("commitBefore", c.lastBefore().commit());
            node.put("levelBefore", c.levelBefore());
            node.put("levelAfter", c.levelAfter());
            node.put("change", c.change());
            node.put("changePercent", c.changePercent());
            node.put("kind", c.kind());
            node.put("pValue", c.pValue());
            node.put("status", tracked.status().text());
            tracked.acknowledgement().ifPresent(ack -> {
                ObjectNode a = node.putObject("acknowledgement");
                a.put("status", ack.status().text());
                a.put("note", ack.note());
                a.put("user", ack.user());
                a.put("time", ack.time().toString());
            });
        }
        return root.toString();
    }
}

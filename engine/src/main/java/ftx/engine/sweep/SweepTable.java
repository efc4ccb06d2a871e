package ftx.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The Markdown table of a sweep ({@code results.md}), read from the rows of {@code results.json}. */
public final class SweepTable {
    private SweepTable() {
    }

    public static String markdown(String task, List<? extends JsonNode> rows) {
        boolean reviews = "reviews".equals(task);
        StringBuilder b = new StringBuilder("# Sweep results (" + task + " task)\n\n");
        if (reviews) {
            b.append("| model | H | kappa (bits) | steps | train s | CE | KL | well-formed shared / fresh"
                    + " | sentiment agreement shared / fresh | chance | I(Z; sentiment) nats | KL before reveal | CE, Z from prior |\n");
            b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        } else {
            b.append("| model | H | kappa (bits) | steps | train s | CE | KL | well-formed shared / fresh"
                    + " | start agreement shared / fresh | start within +-1 of group mode shared / fresh (chance)"
                    + " | noise overlap shared / fresh | I(Z; start) nats | KL before start | CE, Z from prior |\n");
            b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        }
        for (JsonNode row : rows) {
            if ("failed".equals(row.path("status").asText())) {
                continue;
            }
            JsonNode e = row.path("evaluation");
            JsonNode fresh = e.path("modes").path("fresh");
            JsonNode shared = e.path("modes").path("shared");
            JsonNode data = e.path("freshData");
            JsonNode kappa = row.path("kappaBits");
            b.append("| ").append(row.path("name").asText()).append(" | ").append(row.path("latentBits").asInt()).append(" | ")
                    .append(kappa.isNumber() ? RunOptions.fractionText(kappa.asDouble()) : "-").append(" | ")
                    .append(row.path("steps").asInt()).append(" | ")
                    .append(String.format("%.0f", row.path("trainSeconds").asDouble())).append(" | ")
                    .append(f(data.path("ce"))).append(" | ").append(f(data.path("klPerToken"))).append(" | ")
                    .append(f(shared.path("wellFormed"))).append(" / ").append(f(fresh.path("wellFormed"))).append(" | ");
            if (reviews) {
                b.append(f(shared.path("sentimentAgreement"))).append(" / ").append(f(fresh.path("sentimentAgreement")))
                        .append(" | ").append(f(fresh.path("crossGroupSentimentAgreement"))).append(" | ")
                        .append(f(e.path("sentimentInformation").path("collisionEstimate"))).append(" | ")
                        .append(f(data.path("klBeforeReveal")));
            } else {
                b.append(f(shared.path("startAgreement"))).append(" / ").append(f(fresh.path("startAgreement")))
                        .append(" | ").append(f(shared.path("nearModeFraction"))).append(" / ")
                        .append(f(fresh.path("nearModeFraction"))).append(" (").append(f(fresh.path("nearModeChance"))).append(")")
                        .append(" | ").append(f(shared.path("noiseOverlap"))).append(" / ").append(f(fresh.path("noiseOverlap")))
                        .append(" | ").append(f(e.path("startInformation").path("collisionEstimate"))).append(" | ")
                        .append(f(data.path("klBeforeStart")));
            }
            b.append(" | ").append(f(data.path("cePrior"))).append(" |\n");
        }
        List<? extends JsonNode> failed = rows.stream().filter(r -> "failed".equals(r.path("status").asText())).toList();
        if (!failed.isEmpty()) {
            b.append("\nRows that failed:\n\n");
            failed.forEach(r -> b.append("- ").append(r.path("name").asText()).append(": ").append(r.path("message").asText())
                    .append('\n'));
        }
        if (rows.stream().anyMatch(r -> r.has("firstStepAt3xChance"))) {
            b.append("\nFirst probed step where shared-Z pairs agreed 3x as often as chance (live probe):\n\n");
            for (JsonNode r : rows) {
                if (!"failed".equals(r.path("status").asText())) {
                    b.append("- ").append(r.path("name").asText()).append(": ")
                            .append(r.has("firstStepAt3xChance") ? "step " + r.path("firstStepAt3xChance").asInt() : "never")
                            .append('\n');
                }
            }
        }
        return b.toString();
    }

    private static String f(JsonNode n) {
        return n.isNumber() ? String.format("%.3f", n.asDouble()) : "-";
    }
}

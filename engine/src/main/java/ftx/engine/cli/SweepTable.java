package ftx.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The Markdown results table of {@code ftx sweep}, read from each row's evaluation JSON. */
final class SweepTable {
    private SweepTable() {
    }

    /** One row: the run and its evaluation as {@code ftx evaluate --json} prints it. */
    record Line(String name, int latentBits, double kappaBits, int steps, double trainSeconds, JsonNode evaluation,
                int decisiveStep) {
    }

    static String markdown(String task, List<Line> lines) {
        boolean reviews = task.equals("reviews");
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
        for (Line l : lines) {
            JsonNode e = l.evaluation();
            JsonNode fresh = e.path("modes").path("fresh");
            JsonNode shared = e.path("modes").path("shared");
            JsonNode data = e.path("freshData");
            b.append("| ").append(l.name()).append(" | ").append(l.latentBits()).append(" | ")
                    .append(Double.isNaN(l.kappaBits()) ? "-" : fraction(l.kappaBits())).append(" | ")
                    .append(l.steps()).append(" | ").append(String.format("%.0f", l.trainSeconds())).append(" | ")
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
        if (lines.stream().anyMatch(l -> l.decisiveStep() >= 0)) {
            b.append("\nFirst probed step where shared-Z pairs agreed 3x as often as chance (live probe):\n\n");
            for (Line l : lines) {
                b.append("- ").append(l.name()).append(": ").append(l.decisiveStep() >= 0 ? "step " + l.decisiveStep() : "never")
                        .append('\n');
            }
        }
        return b.toString();
    }

    /** 0.125 -> "1/8", 2 -> "2". */
    static String fraction(double bits) {
        if (bits >= 1 && bits == Math.rint(bits)) {
            return String.valueOf((long) bits);
        }
        double inverse = 1 / bits;
        return inverse == Math.rint(inverse) ? "1/" + (long) inverse : String.valueOf(bits);
    }

    private static String f(JsonNode n) {
        return n.isNumber() ? String.format("%.3f", n.asDouble()) : "-";
    }
}

package ftx.app.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import ftx.engine.sweep.RunOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The phase diagram of a sweep: every finished row as a {@link PhasePoint}, grouped by recipe,
 * with the median over seeds at each kappa and the baseline's range. Read from the rows of a
 * sweep's {@code results.json}.
 */
public final class PhaseData {
    /** The paper's four kappa values (Figure 4), in bits. */
    public static final double[] PAPER_KAPPAS = {1.0 / 64, 1.0 / 8, 1, 8};
    private final String task;
    private final List<PhasePoint> points;

    public PhaseData(String task, List<PhasePoint> points) {
        this.task = task;
        this.points = List.copyOf(points);
    }

    public static PhaseData empty() {
        return new PhaseData("synthetic", List.of());
    }

    /** The finished rows of results.json (failed rows and rows without an evaluation are left out). */
    public static PhaseData fromResults(JsonNode results) {
        String task = results.path("task").asText("synthetic");
        boolean reviews = task.equals("reviews");
        List<PhasePoint> points = new ArrayList<>();
        for (JsonNode r : results.path("rows")) {
            JsonNode e = r.path("evaluation");
            if ("failed".equals(r.path("status").asText()) || e.isMissingNode()) {
                continue;
            }
            JsonNode shared = e.path("modes").path("shared");
            JsonNode fresh = e.path("modes").path("fresh");
            JsonNode kappa = r.path("kappaBits");
            double k = r.path("latentBits").asInt() == 0 || !kappa.isNumber() ? Double.NaN : kappa.asDouble();
            PhasePoint.Pair position = reviews ? pair(shared, fresh, "sentimentAgreement") : pair(shared, fresh, "nearModeFraction");
            double chance = num(fresh.path(reviews ? "crossGroupSentimentAgreement" : "nearModeChance"));
            points.add(new PhasePoint(r.path("name").asText(), k, r.path("options").path("seed").asLong(1),
                    recipe(r.path("options")), position, chance, pair(shared, fresh, "noiseOverlap"),
                    pair(shared, fresh, "wellFormed"), r.path("checkpoint").isTextual() ? r.path("checkpoint").asText() : null,
                    groups(shared), groups(fresh), e.path("reading").asText(""), r.path("steps").asInt(),
                    r.path("where").asText("")));
        }
        return new PhaseData(task, points);
    }

    private static PhasePoint.Pair pair(JsonNode shared, JsonNode fresh, String field) {
        return new PhasePoint.Pair(num(shared.path(field)), num(fresh.path(field)));
    }

    private static double num(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }

    private static List<List<String>> groups(JsonNode mode) {
        List<List<String>> out = new ArrayList<>();
        JsonNode all = mode.has("groupTexts") ? mode.path("groupTexts") : null;
        if (all == null) {
            List<String> first = new ArrayList<>();
            mode.path("firstGroup").forEach(t -> first.add(t.asText()));
            if (!first.isEmpty()) {
                out.add(first);
            }
            return out;
        }
        for (JsonNode g : all) {
            List<String> texts = new ArrayList<>();
            g.forEach(t -> texts.add(t.asText()));
            out.add(texts);
        }
        return out;
    }

    /** A row's latent recipe in words ({@code LatentRecipe.describe}), read from its full options. */
    static String recipe(JsonNode options) {
        Map<String, String> given = new LinkedHashMap<>();
        options.fields().forEachRemaining(e -> given.put(e.getKey(), e.getValue().asText()));
        try {
            return RunOptions.complete(given).trainingConfig().recipe().describe();
        } catch (IllegalArgumentException e) {
            return "recipe unknown (" + e.getMessage() + ")"; // a row of an older or newer sweep
        }
    }

    public String task() {
        return task;
    }

    public boolean reviews() {
        return task.equals("reviews");
    }

    public List<PhasePoint> points() {
        return points;
    }

    /** The points with Z, by recipe in order of appearance. */
    public Map<String, List<PhasePoint>> byRecipe() {
        Map<String, List<PhasePoint>> m = new LinkedHashMap<>();
        for (PhasePoint p : points) {
            if (!p.baseline()) {
                m.computeIfAbsent(p.recipe(), k -> new ArrayList<>()).add(p);
            }
        }
        return m;
    }

    public List<PhasePoint> baseline() {
        return points.stream().filter(PhasePoint::baseline).toList();
    }

    /** kappa -> median over the points at that kappa of value (NaN values left out), in kappa order. */
    public static TreeMap<Double, Double> medians(List<PhasePoint> points, java.util.function.ToDoubleFunction<PhasePoint> value) {
        TreeMap<Double, List<Double>> at = new TreeMap<>();
        for (PhasePoint p : points) {
            double v = value.applyAsDouble(p);
            if (!Double.isNaN(v)) {
                at.computeIfAbsent(p.kappaBits(), k -> new ArrayList<>()).add(v);
            }
        }
        TreeMap<Double, Double> out = new TreeMap<>();
        at.forEach((k, vs) -> {
            vs.sort(null);
            int n = vs.size();
            out.put(k, n % 2 == 1 ? vs.get(n / 2) : (vs.get(n / 2 - 1) + vs.get(n / 2)) / 2);
        });
        return out;
    }

    /** The points as CSV, one line each. */
    public String csv() {
        StringBuilder b = new StringBuilder("row,kappa_bits,seed,recipe,position_shared,position_fresh,chance,"
                + "noise_shared,noise_fresh,well_formed_shared,well_formed_fresh,checkpoint\n");
        for (PhasePoint p : points) {
            b.append(p.row()).append(',').append(p.baseline() ? "" : p.kappaBits()).append(',').append(p.seed()).append(",\"")
                    .append(p.recipe()).append("\",").append(p.position().shared()).append(',').append(p.position().fresh())
                    .append(',').append(p.chance()).append(',').append(p.noise().shared()).append(',')
                    .append(p.noise().fresh()).append(',').append(p.wellFormed().shared()).append(',')
                    .append(p.wellFormed().fresh()).append(',').append(p.checkpoint() == null ? "" : p.checkpoint()).append('\n');
        }
        return b.toString().replace("NaN", "");
    }

    /** 0.125 -> "1/8", 2 -> "2" (as sweeps name their rows). */
    public static String kappaText(double bits) {
        return RunOptions.fractionText(bits);
    }
}

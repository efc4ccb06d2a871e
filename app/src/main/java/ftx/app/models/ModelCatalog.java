package ftx.app.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ftx.engine.train.LatentRecipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Lists what can be loaded: sample models (folders with a config.json under the samples folder)
 * and saved runs (the run list). Reads only config.json and trainer_state.json, never weights.
 */
public final class ModelCatalog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelCatalog() {
    }

    public static List<ModelEntry> list(Path samples, RunStore runs) {
        List<ModelEntry> out = new ArrayList<>();
        if (Files.isDirectory(samples)) {
            try (Stream<Path> dirs = Files.list(samples)) {
                dirs.filter(d -> Files.isRegularFile(d.resolve("config.json"))).sorted()
                        .forEach(d -> out.add(sample(d)));
            } catch (IOException e) {
                // an unreadable samples folder lists nothing; the runs still show
            }
        }
        for (RunRecord r : runs.list()) {
            out.add(new ModelEntry("run", r.name(), Path.of(r.dir()), r.summary(), r.steps(), r.ce(), r.kl(), r.status()));
        }
        return out;
    }

    /** "; " and the training recipe when it is not the paper's, else "". */
    private static String recipe(JsonNode recipe) {
        if (recipe.isMissingNode() || recipe.isNull()) {
            return "";
        }
        try {
            LatentRecipe r = JSON.treeToValue(recipe, LatentRecipe.class);
            return r.followsPaper() ? "" : "; " + r.describe();
        } catch (IOException | IllegalArgumentException e) {
            return "; unreadable recipe";
        }
    }

    private static ModelEntry sample(Path dir) {
        try {
            JsonNode root = JSON.readTree(dir.resolve("config.json").toFile());
            JsonNode c = root.path("config");
            double kappa = root.path("training").path("kappa").asDouble(Double.NaN);
            String summary = String.format(Locale.ROOT, "D=%d L=%d H=%d%s", c.path("d_model").asInt(), c.path("n_layers").asInt(),
                    c.path("latent_bits").asInt(), Double.isNaN(kappa) ? "" : String.format(Locale.ROOT, " kappa=%.4g bit",
                            kappa / Math.log(2))) + recipe(root.path("training").path("recipe"));
            int steps = 0;
            double ce = Double.NaN;
            double kl = Double.NaN;
            if (Files.isRegularFile(dir.resolve("trainer_state.json"))) {
                double[][] h = history(dir);
                int last = h[0].length - 1;
                if (last >= 0) {
                    steps = (int) h[0][last];
                    ce = h[1][last];
                    kl = h[2][last];
                }
            }
            return new ModelEntry("sample", dir.getFileName().toString(), dir, summary, steps, ce, kl, "sample");
        } catch (IOException e) {
            return new ModelEntry("sample", dir.getFileName().toString(), dir, "unreadable config.json: " + e.getMessage(),
                    0, Double.NaN, Double.NaN, "broken");
        }
    }

    /** The CE and KL curves of a run, from its trainer_state.json history (step, loss, ce, kl, lr rows). */
    public static double[][] history(Path runDir) throws IOException {
        JsonNode rows = JSON.readTree(runDir.resolve("trainer_state.json").toFile()).path("history");
        double[][] out = new double[3][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            out[0][i] = rows.get(i).get(0).asDouble();
            out[1][i] = rows.get(i).get(2).asDouble();
            out[2][i] = rows.get(i).get(3).asDouble();
        }
        return out;
    }
}

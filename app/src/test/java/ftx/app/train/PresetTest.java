package ftx.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ftx.engine.train.TrainingConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kappa preset of the Train page remakes its bundled sample model: same model, steps and latent recipe. */
class PresetTest {
    private static final Map<Preset, String> BUNDLED = Map.of(Preset.KAPPA_1_64, "synthetic-kappa-1-64-bit",
            Preset.KAPPA_1_8, "synthetic-kappa-1-8-bit", Preset.KAPPA_1, "synthetic-kappa-1-bit",
            Preset.KAPPA_8, "synthetic-kappa-8-bit");

    @Test
    void eachKappaPresetHasItsBundledModelsSettings() throws Exception {
        for (Map.Entry<Preset, String> e : BUNDLED.entrySet()) {
            JsonNode root = new ObjectMapper().readTree(Path.of("../sample-models", e.getValue(), "config.json").toFile());
            TrainSettings s = new TrainSettings();
            s.priorZShare = 0.5; // a lever left over from an earlier choice is reset
            e.getKey().applyTo(s);
            TrainingConfig made = new ObjectMapper().convertValue(root.get("training"), TrainingConfig.class);
            TrainingConfig preset = s.trainingConfig();
            String what = e.getKey() + " vs " + e.getValue();
            assertEquals(made.kappa(), preset.kappa(), 1e-12, what);
            assertEquals(made.steps(), preset.steps(), what);
            assertEquals(made.batchSize(), preset.batchSize(), what);
            assertEquals(made.recipe(), preset.recipe(), what);
            assertEquals(root.get("config").get("d_model").asInt(), s.dModel, what);
            assertEquals(root.get("config").get("ffn_hidden").asInt(), s.ffnHidden, what);
            assertEquals(root.get("config").get("latent_bits").asInt(), s.latentBits, what);
        }
    }
}

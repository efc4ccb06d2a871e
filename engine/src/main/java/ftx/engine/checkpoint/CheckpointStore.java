package ftx.engine.checkpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.engine.io.CheckpointFormatException;
import ftx.engine.io.Safetensors;
import ftx.engine.io.Tensor;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Parameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads and writes checkpoint folders (SPEC section 5). Reading checks every tensor against the
 * config and names the first problem; writing is atomic: everything goes to a sibling temporary
 * folder which then replaces the target by rename, so a crash never leaves a half-written model.
 */
public final class CheckpointStore {
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String OPTIMIZER = "optimizer.safetensors";
    public static final String TRAINER_STATE = "trainer_state.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckpointStore() {
    }

    /** Loads a checkpoint folder with float32 weights (what the app and the CLI use). */
    public static Checkpoint load(Path dir) throws CheckpointFormatException, IOException {
        return load(dir, DataType.FLOAT);
    }

    /** Loads a checkpoint folder; the weights in the given data type. */
    public static Checkpoint load(Path dir, DataType dtype) throws CheckpointFormatException, IOException {
        Path configFile = dir.resolve(CONFIG);
        if (!Files.isDirectory(dir)) {
            throw new CheckpointFormatException(dir, "not a checkpoint folder (it does not exist or is not a folder)");
        }
        if (!Files.isRegularFile(configFile)) {
            throw new CheckpointFormatException(configFile, "missing: a checkpoint folder needs " + CONFIG + " and " + WEIGHTS);
        }
        JsonNode root;
        try {
            root = JSON.readTree(configFile.toFile());
        } catch (IOException e) {
            throw new CheckpointFormatException(configFile, "not valid JSON (" + e.getMessage() + ")", e);
        }
        FreeTransformerConfig config;
        try {
            config = ModelConfigJson.read(root == null ? null : root.get("config"));
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException(configFile, e.getMessage(), e);
        }
        JsonNode vocabNode = root.get("vocab");
        if (vocabNode == null || !vocabNode.isTextual() || vocabNode.asText().length() != config.vocabSize()) {
            throw new CheckpointFormatException(configFile, "\"vocab\" must be a string of vocab_size = "
                    + config.vocabSize() + " symbols, got " + vocabNode);
        }
        Parameters weights = readWeights(dir.resolve(WEIGHTS), config, dtype);
        Map<String, Object> task = asMap(root.get("task"));
        Map<String, Object> training = asMap(root.get("training"));
        Checkpoint.ResumeState resume = null;
        if (Files.isRegularFile(dir.resolve(OPTIMIZER)) && Files.isRegularFile(dir.resolve(TRAINER_STATE))) {
            Path stateFile = dir.resolve(TRAINER_STATE);
            JsonNode stateNode;
            try {
                stateNode = JSON.readTree(stateFile.toFile());
            } catch (IOException e) {
                throw new CheckpointFormatException(stateFile, "not valid JSON (" + e.getMessage() + ")", e);
            }
            if (stateNode == null || !stateNode.isObject()) {
                // "null" or "[...]" would otherwise give a null or unusable trainer state
                throw new CheckpointFormatException(stateFile, "must be a JSON object, found "
                        + (stateNode == null || stateNode.isMissingNode() ? "nothing"
                        : stateNode.getNodeType().toString().toLowerCase()));
            }
            Map<String, Object> state = JSON.convertValue(stateNode, new TypeReference<Map<String, Object>>() { });
            resume = new Checkpoint.ResumeState(Safetensors.read(dir.resolve(OPTIMIZER)), state);
        }
        return new Checkpoint(config, vocabNode.asText(), weights, task, training, resume);
    }

    /** Reads model.safetensors and checks it holds exactly the tensors of the config, with their shapes. */
    public static Parameters readWeights(Path file, FreeTransformerConfig config, DataType dtype)
            throws CheckpointFormatException, IOException {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointFormatException(file, "missing weights file");
        }
        Map<String, Tensor> tensors = Safetensors.read(file);
        Map<String, long[]> expected = Parameters.expectedShapes(config);
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            Tensor t = tensors.get(e.getKey());
            if (t == null) {
                throw new CheckpointFormatException(file, "missing tensor " + e.getKey() + " (expected shape "
                        + Arrays.toString(e.getValue()) + " for " + describe(config) + ")");
            }
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new CheckpointFormatException(file, "tensor " + e.getKey() + " has shape " + Arrays.toString(t.shape())
                        + " but the config (" + describe(config) + ") needs " + Arrays.toString(e.getValue()));
            }
            arrays.put(e.getKey(), TensorConversion.toArray(t, dtype));
        }
        for (String name : tensors.keySet()) {
            if (!expected.containsKey(name)) {
                throw new CheckpointFormatException(file, "unexpected tensor " + name + ": the config (" + describe(config)
                        + ") has no such parameter" + (name.startsWith("enc") || name.equals("zeta") || name.startsWith("post")
                        ? " (latent_bits = 0 means a baseline without Z)" : ""));
            }
        }
        return Parameters.of(config, arrays);
    }

    /** Writes the checkpoint atomically to dir (replacing what is there). */
    public static void save(Path dir, Checkpoint c) throws IOException {
        Path abs = dir.toAbsolutePath();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".tmp-");
        try {
            AtomicFolder.makeReadable(tmp); // temp folders are owner-only; a saved checkpoint is not
            ObjectNode root = JSON.createObjectNode();
            root.put("format_version", Checkpoint.FORMAT_VERSION);
            root.set("config", ModelConfigJson.write(c.config(), JSON));
            root.put("vocab", c.vocab());
            root.set("task", JSON.valueToTree(c.task()));
            root.set("training", JSON.valueToTree(c.training()));
            JSON.writeValue(tmp.resolve(CONFIG).toFile(), root);
            Safetensors.writeF32(tmp.resolve(WEIGHTS), TensorConversion.toTensors(c.weights(), ""), Map.of("format", "pt"));
            if (c.resume() != null) {
                Safetensors.writeF32(tmp.resolve(OPTIMIZER), List.copyOf(c.resume().optimizer().values()), Map.of());
                JSON.writeValue(tmp.resolve(TRAINER_STATE).toFile(), c.resume().trainerState());
            }
            AtomicFolder.replace(tmp, abs);
        } catch (IOException | RuntimeException e) {
            AtomicFolder.deleteQuietly(tmp);
            throw e;
        }
    }

    private static String describe(FreeTransformerConfig c) {
        return "D=" + c.dModel() + ", L=" + c.nLayers() + ", F=" + c.ffnHidden() + ", H=" + c.latentBits() + ", V=" + c.vocabSize();
    }

    private static Map<String, Object> asMap(JsonNode n) {
        if (n == null || !n.isObject()) {
            return Map.of();
        }
        return JSON.convertValue(n, new TypeReference<Map<String, Object>>() { });
    }
}

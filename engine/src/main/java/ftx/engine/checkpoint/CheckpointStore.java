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
import ftx.engine.util.MemoryBudget;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads and writes checkpoint folders (SPEC section 5). Reading checks the config's bounds, then
 * every file's header against the config before any data is read, then that every value is
 * finite, and names the first problem. Writing never leaves a half-written model, for readers or
 * after a crash ({@link StagedSave}), and touches no file but the checkpoint's.
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
        recover(dir);
        if (!Files.isDirectory(dir)) {
            throw new CheckpointFormatException(dir, "not a checkpoint folder (it does not exist or is not a folder)");
        }
        try (CheckpointSnapshot s = CheckpointSnapshot.open(dir)) {
            FreeTransformerConfig config;
            try {
                config = ModelConfigJson.read(s.config.get("config"));
            } catch (IllegalArgumentException e) {
                throw new CheckpointFormatException(s.configFile, e.getMessage(), e);
            }
            JsonNode vocabNode = s.config.get("vocab");
            if (vocabNode == null || !vocabNode.isTextual() || vocabNode.asText().length() != config.vocabSize()) {
                throw new CheckpointFormatException(s.configFile, "\"vocab\" must be a string of vocab_size = "
                        + config.vocabSize() + " symbols, got " + vocabNode);
            }
            long floats = config.parameterCount() * (s.optimizer == null ? 1 : 3);
            String tooBig = MemoryBudget.nativeProblem(floats * dtype.width(), "the " + config.parameterCount()
                    + " parameters of this model (" + describe(config) + ")" + (s.optimizer == null ? "" : " and their optimizer state"));
            if (tooBig != null) {
                throw new CheckpointFormatException(s.configFile, tooBig);
            }
            Parameters weights = readWeights(s.weightsFile, s.weights, config, dtype);
            Checkpoint.ResumeState resume = null;
            if (s.optimizer != null) {
                Map<String, Tensor> moments = Safetensors.read(s.optimizerFile, s.optimizer,
                        shapes -> requireShapes(s.optimizerFile, shapes, momentShapes(config), config));
                requireMoments(s.optimizerFile, moments);
                Map<String, Object> state = JSON.convertValue(s.state, new TypeReference<Map<String, Object>>() { });
                state.remove(CheckpointSnapshot.SAVE_ID); // the save's, not the trainer's
                resume = new Checkpoint.ResumeState(moments, state);
            }
            return new Checkpoint(config, vocabNode.asText(), weights, asMap(s.config.get("task")),
                    asMap(s.config.get("training")), resume);
        }
    }

    /** Reads model.safetensors and checks it holds exactly the tensors of the config, with their shapes. */
    public static Parameters readWeights(Path file, FreeTransformerConfig config, DataType dtype)
            throws CheckpointFormatException, IOException {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointFormatException(file, "missing weights file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return readWeights(file, ch, config, dtype);
        }
    }

    private static Parameters readWeights(Path file, FileChannel ch, FreeTransformerConfig config, DataType dtype)
            throws CheckpointFormatException, IOException {
        Map<String, long[]> expected = Parameters.expectedShapes(config);
        Map<String, Tensor> tensors = Safetensors.read(file, ch, shapes -> requireShapes(file, shapes, expected, config));
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            Tensor t = tensors.get(e.getKey());
            requireFinite(file, t);
            arrays.put(e.getKey(), TensorConversion.toArray(t, dtype));
        }
        return Parameters.of(config, arrays);
    }

    /** The header must name exactly the expected tensors, each with its shape; checked before any data is read. */
    private static void requireShapes(Path file, Map<String, long[]> shapes, Map<String, long[]> expected,
                                      FreeTransformerConfig config) throws CheckpointFormatException {
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            long[] shape = shapes.get(e.getKey());
            if (shape == null) {
                throw new CheckpointFormatException(file, "missing tensor " + e.getKey() + " (expected shape "
                        + Arrays.toString(e.getValue()) + " for " + describe(config) + ")");
            }
            if (!Arrays.equals(shape, e.getValue())) {
                throw new CheckpointFormatException(file, "tensor " + e.getKey() + " has shape " + Arrays.toString(shape)
                        + " but the config (" + describe(config) + ") needs " + Arrays.toString(e.getValue()));
            }
        }
        for (String name : shapes.keySet()) {
            if (!expected.containsKey(name)) {
                throw new CheckpointFormatException(file, "unexpected tensor " + name + ": the config (" + describe(config)
                        + ") has no such parameter" + (name.startsWith("enc") || name.equals("zeta") || name.startsWith("post")
                        ? " (latent_bits = 0 means a baseline without Z)" : ""));
            }
        }
    }

    /** Adam's moments: "m.NAME" and "v.NAME" for every parameter, in its shape. */
    private static Map<String, long[]> momentShapes(FreeTransformerConfig config) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String prefix : new String[] {"m.", "v."}) {
            Parameters.expectedShapes(config).forEach((name, shape) -> out.put(prefix + name, shape));
        }
        return out;
    }

    private static void requireMoments(Path file, Map<String, Tensor> moments) throws CheckpointFormatException {
        for (Tensor t : moments.values()) {
            requireFinite(file, t);
            if (t.name().startsWith("v.")) {
                double[] v = t.values();
                for (int i = 0; i < v.length; i++) {
                    if (v[i] < 0) {
                        throw new CheckpointFormatException(file, "tensor " + t.name() + " holds " + v[i] + " at index " + i
                                + ": Adam's second moment is never negative");
                    }
                }
            }
        }
    }

    private static void requireFinite(Path file, Tensor t) throws CheckpointFormatException {
        double[] v = t.values();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new CheckpointFormatException(file, "tensor " + t.name() + " holds " + v[i] + " at index " + i
                        + ": its values must be finite (was it saved from a diverged run?)");
            }
        }
    }

    /** Writes the checkpoint to dir so that a reader or a crash never finds it half-written ({@link StagedSave}). */
    public static void save(Path dir, Checkpoint c) throws IOException {
        save(dir, c, StagedSave.Fault.NONE);
    }

    static void save(Path dir, Checkpoint c, StagedSave.Fault fault) throws IOException {
        if (FolderLock.heldHere(dir)) {
            write(dir, c, fault);
            return;
        }
        boolean created = !Files.exists(dir);
        try (FolderLock ignored = FolderLock.acquire(dir, "saving a checkpoint")) {
            write(dir, c, fault);
        } catch (IOException | RuntimeException e) {
            if (created) { // a first save that failed leaves no folder behind
                Files.deleteIfExists(dir.resolve(FolderLock.FILE));
                Files.deleteIfExists(dir);
            }
            throw e;
        }
    }

    /** One save: every file staged, then committed ({@link StagedSave}). */
    private static void write(Path dir, Checkpoint c, StagedSave.Fault fault) throws IOException {
        String id = Long.toHexString(System.currentTimeMillis()) + "-" + Long.toHexString(System.nanoTime())
                + "-" + ProcessHandle.current().pid();
        Map<String, String> meta = Map.of("format", "pt", CheckpointSnapshot.SAVE_ID, id);
        Map<String, StagedSave.Content> files = new LinkedHashMap<>();
        if (c.resume() != null) {
            files.put(OPTIMIZER, f -> Safetensors.writeF32(f, List.copyOf(c.resume().optimizer().values()),
                    Map.of(CheckpointSnapshot.SAVE_ID, id)));
            Map<String, Object> state = new LinkedHashMap<>(c.resume().trainerState());
            state.put(CheckpointSnapshot.SAVE_ID, id);
            files.put(TRAINER_STATE, f -> JSON.writeValue(f.toFile(), state));
        }
        files.put(WEIGHTS, f -> Safetensors.writeF32(f, TensorConversion.toTensors(c.weights(), ""), meta));
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", Checkpoint.FORMAT_VERSION);
        root.put(CheckpointSnapshot.SAVE_ID, id);
        root.set("config", ModelConfigJson.write(c.config(), JSON));
        root.put("vocab", c.vocab());
        root.set("task", JSON.valueToTree(c.task()));
        root.set("training", JSON.valueToTree(c.training()));
        files.put(CONFIG, f -> JSON.writeValue(f.toFile(), root));
        StagedSave.write(dir, files, fault);
        CheckpointFolder.removeLegacySiblings(dir);
    }

    /**
     * Makes dir whole after a crash, when no other process is writing it: finishes a committed
     * save or drops an unfinished one; puts back a folder an earlier version left only in a
     * hidden sibling. Read-only folders and folders in use are left as they are (readers then
     * take the committed files where they are).
     */
    private static void recover(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            for (Path candidate : CheckpointFolder.legacySiblings(dir.toAbsolutePath())) {
                try {
                    load(candidate, DataType.FLOAT);
                } catch (CheckpointFormatException | IOException e) {
                    continue; // incomplete: the next one
                }
                Files.move(candidate, dir, StandardCopyOption.ATOMIC_MOVE);
                break;
            }
            return;
        }
        if (!Files.isDirectory(dir.resolve(StagedSave.COMMIT)) && !Files.isDirectory(dir.resolve(StagedSave.STAGING))) {
            return;
        }
        try (FolderLock ignored = FolderLock.acquire(dir, "recovering a checkpoint")) {
            StagedSave.finish(dir, StagedSave.Fault.NONE);
        } catch (IllegalStateException | IOException e) {
            // a writer holds it, or it cannot be written: read around it
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

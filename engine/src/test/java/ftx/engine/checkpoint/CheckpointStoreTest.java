package ftx.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static ftx.engine.checkpoint.CheckpointFixtures.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.engine.io.CheckpointFormatException;
import ftx.engine.io.Safetensors;
import ftx.engine.io.Tensor;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Parameters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Tests of {@link CheckpointStore} (SPEC section 5): a checkpoint survives a save/load round trip;
 * every kind of bad checkpoint is refused with a {@link CheckpointFormatException} that names the
 * file and the problem. Saving over a checkpoint: {@link CheckpointSaveTest}; crashes mid-save:
 * {@link CrashSafeSaveTest}.
 */
class CheckpointStoreTest {
    @TempDir
    Path tmp;

    // ---- round trips ---------------------------------------------------------------------

    @Test
    void roundTripKeepsConfigVocabWeightsTaskTrainingAndResumeState() throws Exception {
        Checkpoint c = checkpoint(SMALL, 11, resumeState(12));
        Path dir = tmp.resolve("run").resolve("ckpt"); // the parent is created too
        CheckpointStore.save(dir, c);

        for (String f : List.of(CheckpointStore.CONFIG, CheckpointStore.WEIGHTS, CheckpointStore.OPTIMIZER,
                CheckpointStore.TRAINER_STATE)) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        Checkpoint back = CheckpointStore.load(dir, DataType.FLOAT);
        assertSameCheckpoint(c, back);
        assertEquals(123456789012L, ((List<?>) back.resume().trainerState().get("rng_state")).get(0));
        assertTrue(hiddenEntries(dir.getParent()).isEmpty());
    }

    @Test
    void roundTripOfBaselineWithoutResumeState() throws Exception {
        Checkpoint c = checkpoint(BASELINE, 21, null);
        Path dir = tmp.resolve("baseline");
        CheckpointStore.save(dir, c);

        assertFalse(Files.exists(dir.resolve(CheckpointStore.OPTIMIZER)));
        assertFalse(Files.exists(dir.resolve(CheckpointStore.TRAINER_STATE)));
        Checkpoint back = CheckpointStore.load(dir, DataType.FLOAT);
        assertSameCheckpoint(c, back);
        assertFalse(back.weights().has("zeta"));
        assertFalse(back.weights().has("post.weight"));
    }

    @Test
    void savedFilesFollowTheSpecLayout() throws Exception {
        Path dir = savedCheckpoint(tmp);
        var root = JSON.readTree(dir.resolve(CheckpointStore.CONFIG).toFile());
        assertEquals(Checkpoint.FORMAT_VERSION, root.get("format_version").asInt());
        assertEquals(VOCAB, root.get("vocab").asText());
        assertEquals(8, root.get("config").get("d_model").asInt());
        assertEquals(3, root.get("config").get("latent_bits").asInt());
        assertEquals("synthetic", root.get("task").get("name").asText());

        Map<String, Tensor> t = Safetensors.read(dir.resolve(CheckpointStore.WEIGHTS));
        assertEquals(new ArrayList<>(Parameters.expectedShapes(SMALL).keySet()), new ArrayList<>(t.keySet()));
        assertArrayEquals(new long[] {8, 8}, t.get("post.weight").shape()); // 2^H rows
        assertArrayEquals(new long[] {12, 8}, t.get("blocks.1.mlp.w1.weight").shape()); // weight[out][in]
        assertEquals("pt", Safetensors.readMetadata(dir.resolve(CheckpointStore.WEIGHTS)).get("format"));
    }

    @Test
    void loadAcceptsCheckpointWithoutFormatVersionTaskOrTraining() throws Exception {
        // e.g. written by the Python reference: only config, vocab and the weights
        Path dir = savedCheckpoint(tmp);
        editConfig(dir, root -> {
            root.remove("format_version");
            root.remove("task");
            root.remove("training");
        });
        Checkpoint c = CheckpointStore.load(dir, DataType.FLOAT);
        assertEquals(SMALL, c.config());
        assertTrue(c.task().isEmpty());
        assertTrue(c.training().isEmpty());
    }

    // ---- refusals: folder and config.json ------------------------------------------------

    @Test
    void refusesMissingFolder() {
        Path dir = tmp.resolve("nope");
        assertRefused(dir, dir, "not a checkpoint folder", "does not exist");
    }

    @Test
    void refusesFileInsteadOfFolder() throws Exception {
        Path f = Files.writeString(tmp.resolve("file"), "x");
        assertRefused(f, f, "not a checkpoint folder");
    }

    @Test
    void refusesMissingConfigJson() throws Exception {
        Path dir = savedCheckpoint(tmp);
        Files.delete(dir.resolve(CheckpointStore.CONFIG));
        assertRefused(dir, dir.resolve(CheckpointStore.CONFIG), "missing");
    }

    @Test
    void refusesConfigJsonThatIsNotJson() throws Exception {
        Path dir = savedCheckpoint(tmp);
        Files.writeString(dir.resolve(CheckpointStore.CONFIG), "{\"config\": {\"vocab_size\": 29,");
        assertRefused(dir, dir.resolve(CheckpointStore.CONFIG), "not valid JSON");
    }

    @Test
    void refusesConfigJsonWithoutConfigObject() throws Exception {
        Path dir = savedCheckpoint(tmp);
        editConfig(dir, root -> root.remove("config"));
        assertRefused(dir, dir.resolve(CheckpointStore.CONFIG), "\"config\"");
    }

    @Test
    void refusesConfigMissingAField() throws Exception {
        Path dir = savedCheckpoint(tmp);
        editModelConfig(dir, c -> c.remove("ffn_hidden"));
        assertRefused(dir, dir.resolve(CheckpointStore.CONFIG), "ffn_hidden", "missing");
    }

    @Test
    void refusesConfigFieldThatIsNotANumber() throws Exception {
        Path dir = savedCheckpoint(tmp);
        editModelConfig(dir, c -> c.put("n_heads", "two"));
        assertRefused(dir, dir.resolve(CheckpointStore.CONFIG), "n_heads", "not a number");
    }

    @Test
    void refusesConfigFieldThatIsNotAnInteger() throws Exception {
        Path dir = savedCheckpoint(tmp);
        editModelConfig(dir, c -> c.put("d_model", 8.5));
        assertRefused(dir, dir.resolve(CheckpointStore.CONFIG), "d_model", "integer", "8.5");
    }

    @Test
    void refusesDModelNotDivisibleByHeads() throws Exception {
        Path dir = savedCheckpoint(tmp);
        editModelConfig(dir, c -> c.put("n_heads", 3));
        assertRefused(dir, dir.resolve(CheckpointStore.CONFIG), "d_model 8", "not divisible", "n_heads 3");
    }

    @Test
    void refusesOddNumberOfLayers() throws Exception {
        Path dir = savedCheckpoint(tmp);
        editModelConfig(dir, c -> c.put("n_layers", 3));
        assertRefused(dir, dir.resolve(CheckpointStore.CONFIG), "n_layers", "even", "3");
    }

    @Test
    void refusesTooManyLatentBits() throws Exception {
        Path dir = savedCheckpoint(tmp);
        editModelConfig(dir, c -> c.put("latent_bits", 17));
        assertRefused(dir, dir.resolve(CheckpointStore.CONFIG), "latent_bits", "got 17");
    }

    @Test
    void refusesNegativeLatentBits() throws Exception {
        Path dir = savedCheckpoint(tmp);
        editModelConfig(dir, c -> c.put("latent_bits", -1));
        assertRefused(dir, dir.resolve(CheckpointStore.CONFIG), "latent_bits", "got -1");
    }

    @Test
    void refusesVocabOfWrongLength() throws Exception {
        Path dir = savedCheckpoint(tmp);
        editConfig(dir, root -> root.put("vocab", "_ABC"));
        assertRefused(dir, dir.resolve(CheckpointStore.CONFIG), "\"vocab\"", "vocab_size = 29", "_ABC");
    }

    @Test
    void refusesMissingVocab() throws Exception {
        Path dir = savedCheckpoint(tmp);
        editConfig(dir, root -> root.remove("vocab"));
        assertRefused(dir, dir.resolve(CheckpointStore.CONFIG), "\"vocab\"", "vocab_size = 29");
    }

    // ---- refusals: model.safetensors -----------------------------------------------------

    @Test
    void refusesMissingWeightsFile() throws Exception {
        Path dir = savedCheckpoint(tmp);
        Files.delete(dir.resolve(CheckpointStore.WEIGHTS));
        assertRefused(dir, dir.resolve(CheckpointStore.WEIGHTS), "missing");
    }

    @Test
    void refusesWeightsFileShorterThanHeaderLength() throws Exception {
        Path dir = savedCheckpoint(tmp);
        Files.write(dir.resolve(CheckpointStore.WEIGHTS), new byte[] {1, 2, 3, 4, 5});
        assertRefused(dir, dir.resolve(CheckpointStore.WEIGHTS), "only 5 bytes", "8-byte header length");
    }

    @Test
    void refusesTruncatedHeader() throws Exception {
        Path dir = savedCheckpoint(tmp);
        Path f = dir.resolve(CheckpointStore.WEIGHTS);
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, 8 + 40));
        assertRefused(dir, f, "truncated header");
    }

    @Test
    void refusesMalformedHeaderJson() throws Exception {
        Path dir = savedCheckpoint(tmp);
        Path f = dir.resolve(CheckpointStore.WEIGHTS);
        writeRawSafetensors(f, "{\"embed.weight\": {\"dtype\": \"F32\", \"shape\": [29, 8],", new byte[16]);
        assertRefused(dir, f, "corrupt header", "not valid JSON");
    }

    @Test
    void refusesTruncatedData() throws Exception {
        Path dir = savedCheckpoint(tmp);
        Path f = dir.resolve(CheckpointStore.WEIGHTS);
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, bytes.length - 100));
        assertRefused(dir, f, "post.weight", "truncated");
    }

    @Test
    void refusesMissingTensorAndNamesIt() throws Exception {
        Path dir = savedCheckpoint(tmp);
        editWeights(dir, t -> t.remove("blocks.1.mlp.w2.weight"));
        assertRefused(dir, dir.resolve(CheckpointStore.WEIGHTS), "missing tensor blocks.1.mlp.w2.weight", "[8, 12]");
    }

    @Test
    void refusesMisShapedTensorNamingItAndBothShapes() throws Exception {
        Path dir = savedCheckpoint(tmp);
        editWeights(dir, t -> t.put("blocks.0.attn.wq.weight", zerosTensor("blocks.0.attn.wq.weight", 8, 4)));
        assertRefused(dir, dir.resolve(CheckpointStore.WEIGHTS), "blocks.0.attn.wq.weight", "[8, 4]", "[8, 8]");
    }

    @Test
    void refusesTransposedLinearWeight() throws Exception {
        Path dir = savedCheckpoint(tmp);
        editWeights(dir, t -> t.put("blocks.0.mlp.w1.weight", zerosTensor("blocks.0.mlp.w1.weight", 8, 12)));
        assertRefused(dir, dir.resolve(CheckpointStore.WEIGHTS), "blocks.0.mlp.w1.weight", "[8, 12]", "[12, 8]");
    }

    @Test
    void refusesUnexpectedExtraTensor() throws Exception {
        Path dir = savedCheckpoint(tmp);
        editWeights(dir, t -> t.put("blocks.2.attn_norm.weight", zerosTensor("blocks.2.attn_norm.weight", 8)));
        assertRefused(dir, dir.resolve(CheckpointStore.WEIGHTS), "unexpected tensor blocks.2.attn_norm.weight");
    }

    @Test
    void refusesBaselineConfigOverLatentWeights() throws Exception {
        Path dir = savedCheckpoint(tmp); // H = 3: has zeta, enc.*, post
        editModelConfig(dir, c -> c.put("latent_bits", 0));
        assertRefused(dir, dir.resolve(CheckpointStore.WEIGHTS), "unexpected tensor zeta", "H=0", "latent_bits = 0");
    }

    @Test
    void refusesLatentConfigOverBaselineWeights() throws Exception {
        Path dir = tmp.resolve("base");
        CheckpointStore.save(dir, checkpoint(BASELINE, 3, null));
        editModelConfig(dir, c -> c.put("latent_bits", 3));
        assertRefused(dir, dir.resolve(CheckpointStore.WEIGHTS), "missing tensor zeta", "H=3");
    }

    @Test
    void refusesLatentBitsThatContradictTheWeights() throws Exception {
        Path dir = savedCheckpoint(tmp); // H = 3
        editModelConfig(dir, c -> c.put("latent_bits", 4));
        assertRefused(dir, dir.resolve(CheckpointStore.WEIGHTS), "enc_readout.weight", "[3, 8]", "[4, 8]", "H=4");
    }

    @Test
    void refusesPostWeightWithWrongNumberOfCodes() throws Exception {
        // config and the other tensors say H = 4, but post.weight has 2^3 = 8 rows instead of 16
        FreeTransformerConfig h4 = new FreeTransformerConfig(29, 8, 2, 2, 12, 4, 10000.0, 1e-5);
        Path dir = tmp.resolve("h4");
        CheckpointStore.save(dir, checkpoint(h4, 4, null));
        editWeights(dir, t -> t.put("post.weight", zerosTensor("post.weight", 8, 8)));
        assertRefused(dir, dir.resolve(CheckpointStore.WEIGHTS), "post.weight", "[8, 8]", "[16, 8]", "H=4");
    }

    @Test
    void refusesUnsupportedDtype() throws Exception {
        Path dir = savedCheckpoint(tmp);
        Path f = dir.resolve(CheckpointStore.WEIGHTS);
        writeRawSafetensors(f, "{\"embed.weight\":{\"dtype\":\"BF16\",\"shape\":[29,8],\"data_offsets\":[0,464]}}",
                new byte[464]);
        assertRefused(dir, f, "embed.weight", "unsupported dtype", "BF16");
    }

    // ---- refusals: resume state ----------------------------------------------------------

    @Test
    void refusesCorruptTrainerState() throws Exception {
        Path dir = savedCheckpoint(tmp);
        Files.writeString(dir.resolve(CheckpointStore.TRAINER_STATE), "{\"step\": 7, \"rng_state\": [1, 2");
        assertRefused(dir, dir.resolve(CheckpointStore.TRAINER_STATE), "not valid JSON");
    }

    @Test
    void refusesTrainerStateThatIsNotAnObject() throws Exception {
        Path dir = savedCheckpoint(tmp);
        Files.writeString(dir.resolve(CheckpointStore.TRAINER_STATE), "[7, 8]");
        assertRefused(dir, dir.resolve(CheckpointStore.TRAINER_STATE), "JSON object", "array");
    }

    @Test
    void refusesEmptyTrainerState() throws Exception {
        Path dir = savedCheckpoint(tmp);
        Files.writeString(dir.resolve(CheckpointStore.TRAINER_STATE), "");
        assertRefused(dir, dir.resolve(CheckpointStore.TRAINER_STATE), "JSON object");
    }

    @Test
    void refusesTrainerStateThatIsNull() throws Exception {
        Path dir = savedCheckpoint(tmp);
        Files.writeString(dir.resolve(CheckpointStore.TRAINER_STATE), "null");
        assertRefused(dir, dir.resolve(CheckpointStore.TRAINER_STATE), "JSON object", "null");
    }

    @Test
    void refusesTruncatedOptimizerState() throws Exception {
        Path dir = savedCheckpoint(tmp);
        Path f = dir.resolve(CheckpointStore.OPTIMIZER);
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, bytes.length - 4));
        assertRefused(dir, f, "truncated");
    }

    @Test
    void refusalLeavesTheFolderUntouched() throws Exception {
        Path dir = savedCheckpoint(tmp);
        editModelConfig(dir, c -> c.put("latent_bits", 4));
        Map<String, byte[]> before = snapshot(dir);
        assertThrows(CheckpointFormatException.class, () -> CheckpointStore.load(dir, DataType.FLOAT));
        assertSameFiles(before, snapshot(dir));
    }

    @Test
    void nonFiniteWeightsAreRefusedNamingTheTensor() throws Exception {
        Path dir = tmp.resolve("nan");
        Checkpoint c = checkpoint(SMALL, 1, null);
        c.weights().get("blocks.1.mlp.w2.weight").putScalar(5, Float.POSITIVE_INFINITY);
        CheckpointStore.save(dir, c);
        assertRefused(dir, dir.resolve(CheckpointStore.WEIGHTS), "blocks.1.mlp.w2.weight", "Infinity", "finite");
    }

    @Test
    void aConfigOfABillionLayersIsRefusedAtOnce() throws Exception {
        Path dir = savedCheckpoint(tmp);
        editModelConfig(dir, c -> c.put("n_layers", 1e9));
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> assertRefused(dir, dir.resolve(CheckpointStore.CONFIG), "n_layers", "1024"));
        editModelConfig(dir, c -> c.put("n_layers", 1024).put("d_model", 65536).put("n_heads", 2).put("ffn_hidden", 262144));
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> assertRefused(dir, dir.resolve(CheckpointStore.CONFIG), "native memory"));
    }

    @Test
    void aNegativeSecondMomentIsRefused() throws Exception {
        Path dir = tmp.resolve("negv");
        Checkpoint.ResumeState r = resumeState(3);
        Map<String, Tensor> opt = new LinkedHashMap<>(r.optimizer());
        Tensor v = opt.get("v.norm.weight");
        double[] values = v.values().clone();
        values[2] = -1;
        opt.put(v.name(), new Tensor(v.name(), v.shape(), values));
        CheckpointStore.save(dir, checkpoint(SMALL, 1, new Checkpoint.ResumeState(opt, r.trainerState())));
        assertRefused(dir, dir.resolve(CheckpointStore.OPTIMIZER), "v.norm.weight", "never negative");
    }
}

package ftx.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small checkpoints, edits of their files, and the assertions the checkpoint tests share. */
final class CheckpointFixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String VOCAB = "_ABCDEFGHIJKLMNOPQRSTUVWXYZ!>";

    /** V=29, D=8, L=2, 2 heads, F=12, H=3. */
    static final FreeTransformerConfig SMALL = new FreeTransformerConfig(29, 8, 2, 2, 12, 3, 10000.0, 1e-5);
    static final FreeTransformerConfig BASELINE = new FreeTransformerConfig(29, 8, 2, 2, 12, 0, 10000.0, 1e-5);

    private CheckpointFixtures() {
    }

    // ---- helpers -------------------------------------------------------------------------

    /** Random weights of the config's shapes, in double precision so that saving has to round. */
    static Parameters randomWeights(FreeTransformerConfig c, long seed) {
        Random r = new Random(seed);
        Map<String, INDArray> m = new LinkedHashMap<>();
        Parameters.expectedShapes(c).forEach((name, shape) -> {
            long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            double[] v = new double[(int) n];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextGaussian() * 0.3;
            }
            m.put(name, Nd4j.createFromArray(v).reshape('c', shape));
        });
        return Parameters.of(c, m);
    }

    /** Adam's moments for SMALL (m any sign, v never negative) and a trainer state. */
    static Checkpoint.ResumeState resumeState(long seed) {
        Random r = new Random(seed);
        Map<String, Tensor> opt = new LinkedHashMap<>();
        for (String prefix : List.of("m.", "v.")) {
            Parameters.expectedShapes(SMALL).forEach((name, shape) -> {
                float[] v = new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (prefix.equals("v.") ? Math.abs(r.nextGaussian()) : r.nextGaussian());
                }
                opt.put(prefix + name, Tensor.of(prefix + name, shape, v));
            });
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("step", 7);
        state.put("adam_steps", 7);
        state.put("rng_state", List.of(123456789012L, 9876543210123L)); // beyond int, so they come back as Long
        state.put("history", List.of(Map.of("step", 5, "loss", 3.25), Map.of("step", 7, "loss", 2.5)));
        return new Checkpoint.ResumeState(opt, state);
    }

    static Checkpoint checkpoint(FreeTransformerConfig c, long seed, Checkpoint.ResumeState resume) {
        Map<String, Object> task = Map.of("name", "synthetic", "seq_len", 64, "p_alpha", 0.5);
        Map<String, Object> training = Map.of("kappa", 0.1, "lr", 3e-4, "steps", 100, "batch_size", 16);
        return new Checkpoint(c, VOCAB.substring(0, c.vocabSize()), randomWeights(c, seed), task, training, resume);
    }

    /** Saves a valid small checkpoint (with resume state) to tmp/ckpt and returns the folder. */
    static Path savedCheckpoint(Path tmp) throws IOException {
        Path dir = tmp.resolve("ckpt");
        CheckpointStore.save(dir, checkpoint(SMALL, 1, resumeState(2)));
        return dir;
    }

    static void assertSameCheckpoint(Checkpoint expected, Checkpoint actual) {
        assertEquals(expected.config(), actual.config());
        assertEquals(expected.vocab(), actual.vocab());
        assertEquals(expected.weights().names(), actual.weights().names());
        assertEquals(DataType.FLOAT, actual.weights().dataType());
        for (String name : expected.weights().names()) {
            INDArray e = expected.weights().get(name);
            INDArray a = actual.weights().get(name);
            assertArrayEquals(e.shape(), a.shape(), name);
            assertArrayEquals(e.castTo(DataType.FLOAT).dup('c').data().asFloat(), a.dup('c').data().asFloat(), name);
        }
        assertEquals(expected.task(), actual.task());
        assertEquals(expected.training(), actual.training());
        if (expected.resume() == null) {
            assertNull(actual.resume());
        } else {
            assertNotNull(actual.resume());
            assertEquals(expected.resume().optimizer(), actual.resume().optimizer());
            assertEquals(expected.resume().trainerState(), actual.resume().trainerState());
        }
    }

    static CheckpointFormatException assertRefused(Path dir, Path file, String... keywords) {
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> CheckpointStore.load(dir, DataType.FLOAT));
        String msg = e.getMessage();
        assertEquals(file, e.file(), msg);
        assertTrue(msg.contains(file.toString()), "message should name the file " + file + ": " + msg);
        for (String k : keywords) {
            assertTrue(msg.contains(k), "message should contain '" + k + "': " + msg);
        }
        return e;
    }

    static void editConfig(Path dir, Consumer<ObjectNode> edit) throws IOException {
        Path f = dir.resolve(CheckpointStore.CONFIG);
        ObjectNode root = (ObjectNode) JSON.readTree(f.toFile());
        edit.accept(root);
        JSON.writeValue(f.toFile(), root);
    }

    static void editModelConfig(Path dir, Consumer<ObjectNode> edit) throws IOException {
        editConfig(dir, root -> edit.accept((ObjectNode) root.get("config")));
    }

    /** Rewrites model.safetensors with edited tensors (keeping header order). */
    static void editWeights(Path dir, Consumer<Map<String, Tensor>> edit) throws Exception {
        Path f = dir.resolve(CheckpointStore.WEIGHTS);
        Map<String, Tensor> t = Safetensors.read(f);
        edit.accept(t);
        Safetensors.writeF32(f, t.values(), Map.of("format", "pt"));
    }

    static Tensor zerosTensor(String name, long... shape) {
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        return new Tensor(name, shape, new double[(int) n]);
    }

    static void writeRawSafetensors(Path f, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Files.write(f, b.array());
    }

    /** Every file of the folder (relative path) with its bytes, to check that nothing changed (the lock names its last holder). */
    static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.endsWith(FolderLock.FILE)).collect(Collectors.toList())) {
                m.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), k));
    }

    static List<String> hiddenEntries(Path parent) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).collect(Collectors.toList());
        }
    }

}

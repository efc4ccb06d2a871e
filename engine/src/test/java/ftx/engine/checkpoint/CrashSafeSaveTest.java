package ftx.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.io.Tensor;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Parameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A save killed at any point leaves a checkpoint that loads (the old one before the commit, the
 * new one after), a reader during a save gets one whole save, and the next save cleans up.
 */
class CrashSafeSaveTest {
    private static final FreeTransformerConfig SMALL = new FreeTransformerConfig(29, 8, 2, 2, 12, 3, 10000, 1e-5);
    private static final String VOCAB = "ABCDEFGHIJKLMNOPQRSTUVWXYZ>_!";
    private static final List<String> POINTS = List.of("wrote optimizer.safetensors", "wrote trainer_state.json",
            "wrote model.safetensors", "wrote config.json", "staged", "committed", "moved optimizer.safetensors",
            "moved trainer_state.json", "moved model.safetensors", "moved config.json");

    @TempDir
    Path tmp;

    /** What a kill does to the save: it stops there, and nothing after it runs. */
    private static final class Killed extends Error {
        Killed(String point) {
            super("killed after: " + point);
        }
    }

    private static Checkpoint checkpoint(long seed, int step) {
        Random r = new Random(seed);
        Map<String, INDArray> w = new LinkedHashMap<>();
        Map<String, Tensor> opt = new LinkedHashMap<>();
        Parameters.expectedShapes(SMALL).forEach((name, shape) -> {
            int n = (int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            float[] v = new float[n];
            float[] m = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) r.nextGaussian();
                m[i] = (float) r.nextGaussian();
            }
            w.put(name, Nd4j.createFromArray(v).reshape('c', shape));
            opt.put("m." + name, Tensor.of("m." + name, shape, m));
            opt.put("v." + name, Tensor.of("v." + name, shape, new float[n]));
        });
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("step", step);
        return new Checkpoint(SMALL, VOCAB, Parameters.of(SMALL, w), Map.of("name", "synthetic"), Map.of(),
                new Checkpoint.ResumeState(opt, state));
    }

    private static float[] embed(Checkpoint c) {
        return c.weights().get("embed.weight").dup('c').data().asFloat();
    }

    private static int step(Checkpoint c) {
        return ((Number) c.resume().trainerState().get("step")).intValue();
    }

    private static List<String> leftovers(Path dir) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".ftx-staging") || n.startsWith(".ftx-commit"))
                    .forEach(out::add);
        }
        return out;
    }

    @Test
    void aSaveKilledAtAnyPointLeavesTheOldOrTheNewCheckpointWhole() throws Exception {
        Checkpoint old = checkpoint(1, 10);
        Checkpoint next = checkpoint(2, 20);
        for (String point : POINTS) {
            Path dir = tmp.resolve("run-" + POINTS.indexOf(point));
            CheckpointStore.save(dir, old);
            Killed k = assertThrows(Killed.class, () -> CheckpointStore.save(dir, next, p -> {
                if (p.equals(point)) {
                    throw new Killed(p);
                }
            }));
            Checkpoint loaded = CheckpointStore.load(dir, DataType.FLOAT);
            boolean committed = POINTS.indexOf(point) >= POINTS.indexOf("committed");
            Checkpoint expected = committed ? next : old;
            assertEquals(step(expected), step(loaded), k.getMessage());
            assertArrayEquals(embed(expected), embed(loaded), k.getMessage());
            assertEquals(List.of(), leftovers(dir), "the load after the crash finished or dropped the save: " + point);

            CheckpointStore.save(dir, checkpoint(3, 30));
            assertEquals(30, step(CheckpointStore.load(dir, DataType.FLOAT)), point);
        }
    }

    @Test
    void aReaderDuringASaveGetsTheCommittedSaveWhole() throws Exception {
        Path dir = tmp.resolve("run");
        CheckpointStore.save(dir, checkpoint(1, 10));
        Checkpoint next = checkpoint(2, 20);
        assertThrows(Killed.class, () -> CheckpointStore.save(dir, next, p -> {
            if (p.equals("moved trainer_state.json")) {
                throw new Killed(p); // the new optimizer and trainer state are in place, weights and config not yet
            }
        }));
        try (FolderLock writer = FolderLock.acquire(dir, "a writer still at work")) { // so the reader must not repair
            Checkpoint seen = CheckpointStore.load(dir, DataType.FLOAT);
            assertEquals(20, step(seen));
            assertArrayEquals(embed(next), embed(seen));
            assertEquals(List.of(StagedSave.COMMIT), leftovers(dir), "a reader leaves a writer's folder alone");
        }
    }

    @Test
    void filesOfTwoSavesAreNotLoadedTogether() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        CheckpointStore.save(a, checkpoint(1, 10));
        CheckpointStore.save(b, checkpoint(2, 20));
        Files.copy(b.resolve(CheckpointStore.WEIGHTS), a.resolve(CheckpointStore.WEIGHTS),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        var e = assertThrows(ftx.engine.io.CheckpointFormatException.class, () -> CheckpointStore.load(a, DataType.FLOAT));
        assertTrue(e.getMessage().contains("different saves"), e.getMessage());
    }

    @Test
    void aFolderAnEarlierVersionLeftInAHiddenSiblingIsPutBack() throws Exception {
        Path dir = tmp.resolve("run");
        Path aside = tmp.resolve(".run.old-123");
        CheckpointStore.save(aside, checkpoint(1, 10));
        Files.createDirectories(tmp.resolve(".run.tmp-456")); // an unfinished temporary folder: not a checkpoint
        Files.writeString(tmp.resolve(".run.tmp-456").resolve(CheckpointStore.CONFIG), "{");

        assertEquals(10, step(CheckpointStore.load(dir, DataType.FLOAT)));
        assertFalse(Files.exists(aside));
        CheckpointStore.save(dir, checkpoint(2, 20));
        assertFalse(Files.exists(tmp.resolve(".run.tmp-456")), "the next save removes what the old version left");
    }

    @Test
    void aSecondWriterIsRefusedWithTheFirstOnesProcess() throws Exception {
        Path dir = tmp.resolve("run");
        try (FolderLock first = FolderLock.acquire(dir, "training synthetic")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> FolderLock.acquire(dir, "another"));
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()) && e.getMessage().contains("training synthetic"),
                    e.getMessage());
        }
        FolderLock.acquire(dir, "after the first ended").close();
    }
}

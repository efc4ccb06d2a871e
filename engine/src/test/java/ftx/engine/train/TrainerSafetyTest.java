package ftx.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.checkpoint.Checkpoint;
import ftx.engine.checkpoint.CheckpointStore;
import ftx.engine.io.CheckpointFormatException;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.task.SyntheticTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** What a run must never do: save non-finite weights, resume from a state that does not fit, share a folder, allocate the absurd. */
class TrainerSafetyTest {
    private static final FreeTransformerConfig TINY = new FreeTransformerConfig(29, 32, 2, 2, 64, 4, 10000, 1e-5);

    @TempDir
    Path tmp;

    private static TrainingConfig cfg(int steps, int saveEvery) {
        return new TrainingConfig(steps, 8, 3e-3, 5, 0.1, 0.0, 0.9, 0.95, 1e-8, 1.0, 0.125 * TrainingConfig.LOG2, 9, saveEvery);
    }

    @Test
    void weightsThatAreNotFiniteAreNeverSavedAndTheLastGoodCheckpointStays() throws Exception {
        Trainer t = Trainer.start(TINY, new SyntheticTask(), cfg(20, 2));
        Path dir = tmp.resolve("run");
        TrainingOutcome o = t.run(new TrainingListener() {
            @Override
            public void onStep(TrainingEvent e) {
                if (e.step() == 4) { // the 4th step's loss was finite; its update left a NaN, and step 4 is a save step
                    t.model().parameters().get("head.weight").putScalar(0, Float.NaN);
                }
            }
        }, new RunControl(), dir);
        assertEquals(TrainingOutcome.Status.DIVERGED, o.status());
        assertTrue(o.message().contains("head.weight") && o.message().contains("not finite"), o.message());
        assertEquals(2, o.lastSavedStep());
        Checkpoint kept = CheckpointStore.load(dir, DataType.FLOAT);
        assertEquals(2, ((Number) kept.resume().trainerState().get("step")).intValue());
    }

    @Test
    void aTrainerStateThatCannotBeRightIsRefusedOnResume() throws Exception {
        Trainer t = Trainer.start(TINY, new SyntheticTask(), cfg(4, 0));
        t.trainStep();
        Checkpoint c = t.checkpoint();
        for (Object bad : new Object[] {-5, "five", 1.5}) {
            Map<String, Object> state = new LinkedHashMap<>(c.resume().trainerState());
            state.put("step", bad);
            Checkpoint edited = new Checkpoint(c.config(), c.vocab(), c.weights(), c.task(), c.training(),
                    new Checkpoint.ResumeState(c.resume().optimizer(), state));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Trainer.resume(edited, new SyntheticTask(), 0));
            assertTrue(e.getMessage().contains("trainer_state.json") && e.getMessage().contains("\"step\""), e.getMessage());
        }
    }

    @Test
    void anOptimizerStateOfAnotherModelIsRefusedWhenLoaded() throws Exception {
        FreeTransformerConfig wider = new FreeTransformerConfig(29, 64, 2, 2, 64, 4, 10000, 1e-5);
        Path narrow = tmp.resolve("narrow");
        Path wide = tmp.resolve("wide");
        CheckpointStore.save(narrow, Trainer.start(TINY, new SyntheticTask(), cfg(4, 0)).checkpoint());
        CheckpointStore.save(wide, Trainer.start(wider, new SyntheticTask(), cfg(4, 0)).checkpoint());
        for (Path[] pair : new Path[][] {{wide, narrow}, {narrow, wide}}) {
            Path target = tmp.resolve("mixed-" + pair[1].getFileName());
            Files.createDirectories(target);
            for (String f : new String[] {CheckpointStore.CONFIG, CheckpointStore.WEIGHTS, CheckpointStore.TRAINER_STATE}) {
                Files.copy(pair[1].resolve(f), target.resolve(f));
            }
            Files.copy(pair[0].resolve(CheckpointStore.OPTIMIZER), target.resolve(CheckpointStore.OPTIMIZER));
            strip(target);
            CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                    () -> CheckpointStore.load(target, DataType.FLOAT));
            assertTrue(e.getMessage().contains(CheckpointStore.OPTIMIZER) && e.getMessage().contains("shape"), e.getMessage());
        }
    }

    /** Drops the save ids, as a hand-assembled folder would have none. */
    private static void strip(Path dir) throws Exception {
        for (String f : new String[] {CheckpointStore.CONFIG, CheckpointStore.TRAINER_STATE}) {
            Path p = dir.resolve(f);
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(p.toFile());
            root.remove("save_id");
            json.writeValue(p.toFile(), root);
        }
        for (String f : new String[] {CheckpointStore.WEIGHTS, CheckpointStore.OPTIMIZER}) {
            Path p = dir.resolve(f);
            var tensors = ftx.engine.io.Safetensors.read(p);
            ftx.engine.io.Safetensors.writeF32(p, tensors.values(), Map.of());
        }
    }

    @Test
    void resumingToFewerStepsThanDoneIsRefused() {
        Trainer t = Trainer.start(TINY, new SyntheticTask(), cfg(6, 0));
        t.trainStep();
        t.trainStep();
        t.trainStep();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.resume(t.checkpoint(), new SyntheticTask(), 2));
        assertTrue(e.getMessage().contains("step 3"), e.getMessage());
    }

    @Test
    void aSecondRunOnTheSameFolderIsRefusedNamingTheFirst() throws Exception {
        Path dir = tmp.resolve("shared");
        RunControl firstControl = new RunControl();
        firstControl.pause();
        Trainer first = Trainer.start(TINY, new SyntheticTask(), cfg(50, 0));
        AtomicReference<Object> firstResult = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                firstResult.set(first.run(ev -> { }, firstControl, dir));
            } catch (Exception e) {
                firstResult.set(e);
            }
        });
        runner.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(dir.resolve(".ftx-lock")) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        Trainer second = Trainer.start(TINY, new SyntheticTask(), cfg(5, 0));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> second.run(ev -> { }, new RunControl(), dir));
        assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        assertEquals(0, second.step(), "refused before training");
        firstControl.stop();
        runner.join(20_000);
        assertTrue(firstResult.get() instanceof TrainingOutcome, String.valueOf(firstResult.get()));
        CheckpointStore.load(dir, DataType.FLOAT); // the first run's save is whole
    }

    @Test
    void aFolderWithTheUsersFilesIsRefusedBeforeTrainingAndKeepsThem() throws Exception {
        Path dir = tmp.resolve("mine");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("thesis.txt"), "x");
        Trainer t = Trainer.start(TINY, new SyntheticTask(), cfg(2, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.run(ev -> { }, new RunControl(), dir));
        assertTrue(e.getMessage().contains("thesis.txt") && e.getMessage().contains("sub/"), e.getMessage());
        assertEquals(0, t.step());
        assertEquals("x", Files.readString(dir.resolve("thesis.txt")));
        assertTrue(Files.isDirectory(dir.resolve("sub")));
    }

    @Test
    void absurdSizesAreRefusedBeforeAnythingIsAllocated() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            FreeTransformerConfig huge = new FreeTransformerConfig(29, 1 << 16, 1024, 4, 1 << 18, 8, 10000, 1e-5);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Trainer.start(huge, new SyntheticTask(), cfg(2, 0)));
            assertTrue(e.getMessage().contains("native memory"), e.getMessage());
            TrainingConfig hugeBatch = new TrainingConfig(2, 2_000_000_000, 3e-3, 0, 0.1, 0.0, 0.9, 0.95, 1e-8, 1.0, 0.1, 9, 0);
            IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                    () -> Trainer.start(TINY, new SyntheticTask(), hugeBatch));
            assertTrue(b.getMessage().contains("2000000000 sequences"), b.getMessage());
        });
    }
}

package ftx.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.checkpoint.Checkpoint;
import ftx.engine.checkpoint.CheckpointStore;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.task.Sample;
import ftx.engine.task.SyntheticTask;
import ftx.engine.task.Task;
import ftx.engine.task.Vocabulary;
import ftx.engine.util.Rng;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** Training behaviour a user relies on: it learns, it is reproducible, it resumes exactly, it stops cleanly on NaN. */
class TrainerTest {
    private static final FreeTransformerConfig TINY = new FreeTransformerConfig(29, 32, 2, 2, 64, 4, 10000, 1e-5);

    @TempDir
    Path tmp;

    private static TrainingConfig tiny(int steps, double kappaBits, long seed) {
        return new TrainingConfig(steps, 8, 3e-3, 5, 0.1, 0.0, 0.9, 0.95, 1e-8, 1.0, kappaBits * TrainingConfig.LOG2, seed, 0);
    }

    private static double[] losses(Trainer t, int steps) {
        double[] out = new double[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = t.trainStep().loss();
        }
        return out;
    }

    @Test
    void sameSeedAndConfigGiveTheSameLossesStepForStep() {
        double[] a = losses(Trainer.start(TINY, new SyntheticTask(), tiny(6, 0.125, 42)), 6);
        double[] b = losses(Trainer.start(TINY, new SyntheticTask(), tiny(6, 0.125, 42)), 6);
        double[] c = losses(Trainer.start(TINY, new SyntheticTask(), tiny(6, 0.125, 43)), 6);
        assertArrayEquals(a, b, 0.0);
        assertTrue(a[5] != c[5], "a different seed gives a different run");
    }

    @Test
    void resumingFromACheckpointContinuesExactlyAsIfItHadNotStopped() throws Exception {
        double[] straight = losses(Trainer.start(TINY, new SyntheticTask(), tiny(8, 0.125, 7)), 8);
        Trainer first = Trainer.start(TINY, new SyntheticTask(), tiny(8, 0.125, 7));
        double[] firstHalf = losses(first, 4);
        CheckpointStore.save(tmp.resolve("run"), first.checkpoint());
        Checkpoint loaded = CheckpointStore.load(tmp.resolve("run"), DataType.FLOAT);
        Trainer resumed = Trainer.resume(loaded, new SyntheticTask(), 0);
        assertEquals(4, resumed.step());
        double[] secondHalf = losses(resumed, 4);
        for (int i = 0; i < 4; i++) {
            assertEquals(straight[i], firstHalf[i], 0.0, "step " + (i + 1));
            assertEquals(straight[4 + i], secondHalf[i], 0.0, "step " + (i + 5) + " after resume");
        }
        assertEquals(8, resumed.history().size(), "the metrics history carries over");
    }

    @Test
    void aTinyModelOverfitsAHandfulOfSequencesWhenKappaIsLarge() {
        Task fixed = new FixedSequences(new SyntheticTask(), 4);
        TrainingConfig cfg = new TrainingConfig(150, 4, 1e-2, 10, 0.1, 0.0, 0.9, 0.95, 1e-8, 1.0,
                8 * TrainingConfig.LOG2, 3, 0);
        Trainer t = Trainer.start(TINY, fixed, cfg);
        TrainingEvent last = null;
        for (int i = 0; i < 150; i++) {
            last = t.trainStep();
        }
        assertTrue(last.ce() < 0.05, "CE should approach 0 on 4 memorised sequences, got " + last.ce());
    }

    @Test
    void aShortToyRunLowersCeTowardsTheTaskFloor() {
        FreeTransformerConfig small = new FreeTransformerConfig(29, 32, 2, 2, 64, 4, 10000, 1e-5);
        TrainingConfig cfg = new TrainingConfig(120, 16, 3e-3, 10, 0.1, 0.0, 0.9, 0.95, 1e-8, 1.0,
                0.125 * TrainingConfig.LOG2, 5, 0);
        Trainer t = Trainer.start(small, new SyntheticTask(), cfg);
        double first = t.trainStep().ce();
        double tail = 0;
        for (int i = 1; i < 120; i++) {
            double ce = t.trainStep().ce();
            if (i >= 110) {
                tail += ce / 10;
            }
        }
        assertTrue(first > 3.0, "starts near log(29) = 3.37, got " + first);
        assertTrue(tail < 1.0, "120 small steps should bring CE well below 1 nat (floor 0.289), got " + tail);
    }

    @Test
    void aNaNLossStopsTheRunWithAMessageAndKeepsTheLastGoodCheckpoint() throws Exception {
        TrainingConfig autosaveEvery2 = new TrainingConfig(20, 8, 3e-3, 5, 0.1, 0.0, 0.9, 0.95, 1e-8, 1.0,
                0.125 * TrainingConfig.LOG2, 9, 2);
        Trainer t = Trainer.start(TINY, new SyntheticTask(), autosaveEvery2);
        Path dir = tmp.resolve("autosave");
        List<String> saved = new ArrayList<>();
        TrainingListener poison = new TrainingListener() {
            @Override
            public void onStep(TrainingEvent e) {
                if (e.step() == 3) { // corrupt a weight after the 3rd step: the 4th step's loss is NaN
                    t.model().parameters().get("head.weight").putScalar(0, Float.NaN);
                }
            }

            @Override
            public void onCheckpoint(int step, Path d) {
                saved.add("step " + step);
            }
        };
        TrainingOutcome o = t.run(poison, new RunControl(), dir);
        assertEquals(TrainingOutcome.Status.DIVERGED, o.status());
        assertTrue(o.message().contains("NaN") && o.message().contains("step 4"), o.message());
        assertEquals(2, o.lastSavedStep());
        assertEquals(List.of("step 2"), saved);
        Checkpoint kept = CheckpointStore.load(dir, DataType.FLOAT);
        assertTrue(Double.isFinite(kept.weights().get("head.weight").sumNumber().doubleValue()), "saved weights are finite");
        assertEquals(2, ((Number) kept.resume().trainerState().get("step")).intValue());
    }

    @Test
    void stopRequestEndsTheRunBetweenStepsAndSavesIt() throws Exception {
        Trainer t = Trainer.start(TINY, new SyntheticTask(), tiny(50, 0.125, 1));
        RunControl control = new RunControl();
        TrainingOutcome o = t.run(e -> {
            if (e.step() == 2) {
                control.stop();
            }
        }, control, tmp.resolve("stopped"));
        assertEquals(TrainingOutcome.Status.STOPPED, o.status());
        assertEquals(2, o.step());
        assertEquals(2, ((Number) CheckpointStore.load(tmp.resolve("stopped"), DataType.FLOAT).resume().trainerState()
                .get("step")).intValue());
    }

    /** A task that cycles through n fixed samples of another task. */
    private static final class FixedSequences implements Task {
        private final Task base;
        private final List<Sample> samples = new ArrayList<>();

        FixedSequences(Task base, int n) {
            this.base = base;
            Rng r = new Rng(123);
            for (int i = 0; i < n; i++) {
                samples.add(base.sample(r));
            }
        }

        @Override
        public String name() {
            return "fixed";
        }

        @Override
        public Vocabulary vocabulary() {
            return base.vocabulary();
        }

        @Override
        public int sequenceLength() {
            return base.sequenceLength();
        }

        @Override
        public int promptLength() {
            return base.promptLength();
        }

        @Override
        public Sample sample(Rng rng) {
            return samples.get(rng.nextInt(samples.size()));
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("name", "fixed");
        }
    }
}

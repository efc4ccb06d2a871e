package ftx.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.analysis.ProbeReading;
import ftx.engine.analysis.ZProbe;
import ftx.engine.checkpoint.Checkpoint;
import ftx.engine.checkpoint.CheckpointStore;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.task.SyntheticTask;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** The live probe: it never changes what a run computes, and its readings live with the run's checkpoint. */
class LiveProbeTest {
    private static final FreeTransformerConfig TINY = new FreeTransformerConfig(29, 32, 2, 2, 64, 4, 10000, 1e-5);
    private static final ZProbe.Settings SMALL = new ZProbe.Settings(3, 3, 8);

    @TempDir
    Path tmp;

    private static TrainingConfig config(int steps) {
        return new TrainingConfig(steps, 8, 3e-3, 5, 0.1, 0.0, 0.9, 0.95, 1e-8, 1.0, 0.125 * TrainingConfig.LOG2, 5, 0);
    }

    @Test
    void aRunWithTheProbeEndsWithExactlyTheWeightsOfARunWithout() throws Exception {
        Trainer plain = Trainer.start(TINY, new SyntheticTask(), config(30));
        plain.run(e -> { }, new RunControl(), null);
        Trainer probed = Trainer.start(TINY, new SyntheticTask(), config(30));
        probed.setProbe(0, SMALL); // as often as its share of the time allows
        List<ProbeReading> seen = new CopyOnWriteArrayList<>();
        probed.run(new TrainingListener() {
            @Override
            public void onStep(TrainingEvent e) {
            }

            @Override
            public void onProbe(ProbeReading r) {
                seen.add(r);
            }
        }, new RunControl(), null);
        assertTrue(seen.size() >= 2, "probes ran during the run and at its end: " + seen.size());
        assertEquals(30, seen.get(seen.size() - 1).step(), "the finished run's last step is probed");
        assertEquals(seen, probed.probes());
        for (String name : plain.model().parameters().names()) {
            assertArrayEquals(plain.model().parameters().get(name).data().asFloat(),
                    probed.model().parameters().get(name).data().asFloat(), name + " is bit for bit the same");
        }
        ProbeReading last = seen.get(seen.size() - 1);
        assertEquals(ZProbe.BLOCK_START, last.decided());
        assertEquals(3, last.freshGroup().size(), "the first fresh group's texts");
        assertEquals(5, last.bits().factors().size(), "four factors and the best noise-ahead offset");
    }

    @Test
    void theReadingsAreSavedWithTheCheckpointAndComeBackWhenTheRunResumes() throws Exception {
        Path dir = tmp.resolve("run");
        Trainer t = Trainer.start(TINY, new SyntheticTask(), config(6));
        t.setProbe(0, SMALL);
        t.run(e -> { }, new RunControl(), dir);
        List<ProbeReading> before = t.probes();
        assertFalse(before.isEmpty());
        Checkpoint c = CheckpointStore.load(dir, DataType.FLOAT);
        Trainer resumed = Trainer.resume(c, new SyntheticTask(), 8);
        List<ProbeReading> after = resumed.probes();
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i).toMap().toString(), after.get(i).toMap().toString(), "reading " + i + " round-trips");
        }
    }

    @Test
    void aReadingWithNaNsRoundTripsThroughItsMap() {
        ProbeReading r = ZProbe.measure(Trainer.start(TINY, new SyntheticTask(), config(1)).model(), new SyntheticTask(), 0,
                SMALL, 3);
        ProbeReading back = ProbeReading.fromMap(r.toMap());
        assertEquals(r.toMap(), back.toMap());
        assertTrue(Double.isNaN(back.shared()) == Double.isNaN(r.shared()));
    }
}

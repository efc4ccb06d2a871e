package ftx.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.app.models.RunRecord;
import ftx.app.models.RunStore;
import ftx.app.testing.TinyRun;
import ftx.engine.train.TrainingThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Train view-model without a display: start, pause, step, save, stop, the run list, refusals. */
class TrainViewModelTest {
    @TempDir
    Path tmp;

    static void tiny(TrainSettings s) {
        TinyRun.apply(s, 400);
    }

    /** Pumps frames (as the FX timer would) until the condition holds. */
    static void until(TrainViewModel vm, BooleanSupplier done, String what) throws InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
            vm.onFrame();
        }
    }

    @Test
    void aRunAdvancesPausesStepsOnceSavesAndStops() throws Exception {
        RunStore runs = new RunStore(tmp.resolve("runs"));
        TrainViewModel vm = new TrainViewModel(runs);
        tiny(vm.settings());
        assertTrue(vm.start());
        until(vm, () -> vm.stepProperty().get() >= 3, "3 steps");
        assertTrue(vm.history().size() >= 3, "the curves grow with the steps");
        assertTrue(Double.isFinite(vm.ceProperty().get()));
        vm.pause();
        Thread.sleep(300);
        vm.onFrame();
        int paused = vm.stepProperty().get();
        Thread.sleep(400);
        vm.onFrame();
        assertEquals(paused, vm.stepProperty().get(), "no step while paused");
        vm.stepOnce();
        until(vm, () -> vm.stepProperty().get() == paused + 1, "one more step");
        Thread.sleep(300);
        vm.onFrame();
        assertEquals(paused + 1, vm.stepProperty().get(), "exactly one step");
        vm.save();
        Path dir = vm.runDirProperty().get();
        until(vm, () -> Files.isRegularFile(dir.resolve("model.safetensors")), "the checkpoint");
        vm.stop();
        until(vm, () -> !vm.runningProperty().get(), "the run to end");
        assertTrue(vm.statusProperty().get().contains("stopped"), vm.statusProperty().get());
        List<RunRecord> listed = runs.list();
        assertEquals(1, listed.size());
        assertEquals("stopped", listed.get(0).status());
        assertEquals(paused + 1, listed.get(0).steps());
    }

    @Test
    void theTrainingThreadsSettingReachesTheEngineAndTheStatusLine() throws Exception {
        int before = TrainingThreads.count();
        try {
            TrainViewModel vm = new TrainViewModel(new RunStore(tmp.resolve("runs")));
            tiny(vm.settings());
            vm.settings().trainingThreads = 3;
            assertFalse(vm.start());
            assertTrue(vm.errorProperty().get().contains("training threads must be 1 or 2"), vm.errorProperty().get());
            vm.settings().trainingThreads = 1;
            assertTrue(vm.start());
            assertEquals(1, TrainingThreads.count());
            until(vm, () -> vm.stepProperty().get() >= 2, "2 steps");
            assertTrue(vm.statusProperty().get().endsWith("on 1 thread"), vm.statusProperty().get());
            assertTrue(vm.stopAndWait(10_000));
        } finally {
            TrainingThreads.set(before);
        }
    }

    @Test
    void aPresetSetsTheRunLengthTheHeaderShows() {
        TrainViewModel vm = new TrainViewModel(new RunStore(tmp.resolve("runs")));
        vm.applyPreset(Preset.KAPPA_1_8);
        assertEquals(6000, vm.settings().steps);
        assertEquals(6000, vm.totalStepsProperty().get(), "Step 0 / 6000 before Start");
    }

    @Test
    void invalidSettingsAreRefusedWithTheEngineMessage() {
        TrainViewModel vm = new TrainViewModel(new RunStore(tmp.resolve("runs")));
        vm.settings().dModel = 30;
        vm.settings().heads = 4;
        assertFalse(vm.start());
        assertTrue(vm.errorProperty().get().contains("not divisible"), vm.errorProperty().get());
        assertFalse(vm.runningProperty().get());
    }

    @Test
    void aStoppedRunCanBeReopenedAndContinuesFromItsStep() throws Exception {
        RunStore runs = new RunStore(tmp.resolve("runs"));
        TrainViewModel vm = new TrainViewModel(runs);
        tiny(vm.settings());
        vm.start();
        until(vm, () -> vm.stepProperty().get() >= 2, "2 steps");
        vm.stop();
        until(vm, () -> !vm.runningProperty().get(), "stop");
        int stoppedAt = vm.stepProperty().get();
        Path dir = vm.runDirProperty().get();
        TrainViewModel again = new TrainViewModel(runs);
        assertTrue(again.resumeRun(dir, 0), again.errorProperty().get());
        assertEquals(stoppedAt, again.stepProperty().get());
        assertEquals(stoppedAt, again.history().size(), "the curves come back with the run");
        again.start();
        until(again, () -> again.stepProperty().get() > stoppedAt, "a step after reopening");
        again.stopAndWait(30_000);
    }

    @Test
    void etaIsReadable() {
        assertEquals("42s left", TrainViewModel.formatEta(42));
        assertEquals("3m 05s left", TrainViewModel.formatEta(185));
        assertEquals("2h 00m left", TrainViewModel.formatEta(7200));
    }
}

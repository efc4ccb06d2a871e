package ftx.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.app.models.RunStore;
import ftx.app.testing.TinyRun;
import ftx.app.train.TrainViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.event.EventType;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing the window during training asks; yes saves the run (nothing lost) then exits; no keeps training. */
class CloseGuardTest {
    @TempDir
    Path tmp;

    private static WindowEvent closeRequest() {
        return new WindowEvent(null, (EventType<WindowEvent>) WindowEvent.WINDOW_CLOSE_REQUEST);
    }

    private TrainViewModel running() throws InterruptedException {
        TrainViewModel vm = new TrainViewModel(new RunStore(tmp.resolve("runs")));
        TinyRun.apply(vm.settings(), 100_000);
        assertTrue(vm.start());
        long end = System.nanoTime() + 30_000_000_000L;
        while (vm.stepProperty().get() < 2 && System.nanoTime() < end) {
            Thread.sleep(20);
            vm.onFrame();
        }
        return vm;
    }

    @Test
    void answeringYesSavesTheRunAndThenExits() throws Exception {
        TrainViewModel vm = running();
        AtomicInteger exits = new AtomicInteger();
        WindowEvent e = closeRequest();
        new CloseGuard(vm, () -> true, exits::incrementAndGet).handle(e);
        assertTrue(e.isConsumed(), "the close waits for the save");
        assertEquals(1, exits.get());
        assertFalse(vm.hasActiveRun());
        Path dir = vm.runDirProperty().get();
        assertTrue(Files.isRegularFile(dir.resolve("model.safetensors")) && Files.isRegularFile(dir.resolve("trainer_state.json")),
                "the run was saved before exiting");
    }

    @Test
    void answeringNoKeepsTheWindowAndTheRun() throws Exception {
        TrainViewModel vm = running();
        AtomicInteger exits = new AtomicInteger();
        WindowEvent e = closeRequest();
        new CloseGuard(vm, () -> false, exits::incrementAndGet).handle(e);
        assertTrue(e.isConsumed());
        assertEquals(0, exits.get());
        assertTrue(vm.hasActiveRun());
        vm.stopAndWait(30_000);
    }

    @Test
    void withoutARunTheWindowJustCloses() {
        TrainViewModel vm = new TrainViewModel(new RunStore(tmp.resolve("runs")));
        WindowEvent e = closeRequest();
        new CloseGuard(vm, () -> {
            throw new AssertionError("must not ask");
        }, () -> { }).handle(e);
        assertFalse(e.isConsumed());
    }
}

package ftx.app.shell;

import ftx.app.train.TrainViewModel;
import java.util.function.BooleanSupplier;
import javafx.stage.WindowEvent;

/**
 * What happens when the window is closed: with no active run, it just closes; during a run it
 * asks, and on yes stops the run between steps, waits for its final checkpoint, then exits, so
 * nothing is lost. On no, the window stays and training goes on.
 */
public final class CloseGuard {
    private final TrainViewModel vm;
    private final BooleanSupplier confirm;
    private final Runnable exit;

    public CloseGuard(TrainViewModel vm, BooleanSupplier confirm, Runnable exit) {
        this.vm = vm;
        this.confirm = confirm;
        this.exit = exit;
    }

    public void handle(WindowEvent e) {
        if (!vm.hasActiveRun()) {
            return;
        }
        e.consume();
        if (!confirm.getAsBoolean()) {
            return;
        }
        vm.statusProperty().set("Saving the run before quitting...");
        try {
            vm.stopAndWait(60_000);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        exit.run();
    }
}

package ftx.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.app.AppContext;
import ftx.app.shell.MainWindow;
import ftx.app.testing.Pixels;
import ftx.engine.EngineInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The training studio driven like a user, headless (Monocle): start a tiny run, see the step
 * counter and the chart advance, pause, step once, save, stop, then load the run on the Models
 * page; a wrong value in the property sheet is refused with a message.
 */
@ExtendWith(ApplicationExtension.class)
class TrainStudioUiTest {
    @TempDir
    static Path home;
    private TrainViewModel vm;
    private MainWindow window;
    private AppContext ctx;

    @Start
    void start(Stage stage) {
        ctx = new AppContext(home, home.resolve("no-samples"));
        vm = new TrainViewModel(ctx.runs());
        TrainViewModelTest.tiny(vm.settings());
        window = new MainWindow(ctx, vm, new EngineInfo("CPU (test)", "CPU", 1, 2, "auto", null, "cpu"));
        Scene scene = new Scene(window, 1200, 800);
        window.installShortcuts(scene, vm);
        window.show("Train");
        stage.setScene(scene);
        stage.show();
    }

    private void waitFor(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    private static String text(FxRobot robot, Label l) {
        AtomicReference<String> s = new AtomicReference<>();
        robot.interact(() -> s.set(l.getText()));
        return s.get();
    }

    @Test
    void startPauseStepSaveStopAndLoadTheRun(FxRobot robot) throws Exception {
        TrainView view = window.trainView();
        robot.clickOn(view.start);
        waitFor("3 steps on the counter", () -> text(robot, view.stepLabel).matches("Step ([3-9]|\\d\\d+) / 400"));
        assertTrue(Pixels.count(robot, view.lossChartNode(), ftx.app.common.SeriesStyle.series(0).color()) > 20, "the CE curve is drawn");

        robot.clickOn(view.pause);
        waitFor("pause", () -> vm.pausedProperty().get());
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        String pausedAt = text(robot, view.stepLabel);
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(pausedAt, text(robot, view.stepLabel), "no steps while paused");
        int before = vm.stepProperty().get();

        robot.clickOn(view.step);
        waitFor("one step", () -> vm.stepProperty().get() == before + 1);

        robot.clickOn(view.save);
        Path dir = vm.runDirProperty().get();
        waitFor("the checkpoint", () -> Files.isRegularFile(dir.resolve("model.safetensors")));

        robot.clickOn(view.stop);
        waitFor("the run to stop", () -> !vm.runningProperty().get());

        robot.clickOn("Models");
        @SuppressWarnings("unchecked")
        TableView<Object> table = (TableView<Object>) robot.lookup(".table-view").query();
        waitFor("the run in the list", () -> !table.getItems().isEmpty());
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("Load");
        waitFor("the model to load", () -> ctx.currentModelProperty().get() != null);
        assertEquals(dir.getFileName().toString(), ctx.currentModelProperty().get().name());
        assertTrue(robot.lookup("Model: " + dir.getFileName()).tryQuery().isPresent(), "the header names the model");
    }

    @Test
    void aWrongValueInThePropertySheetIsRefusedWithAMessage(FxRobot robot) {
        TrainView view = window.trainView();
        AtomicReference<Boolean> accepted = new AtomicReference<>();
        robot.interact(() -> accepted.set(view.sheet().edit("Heads", 3)));
        assertFalse(accepted.get());
        assertEquals(2, vm.settings().heads, "the old value is kept");
        assertTrue(robot.lookup((Label l) -> l.getText() != null && l.getText().contains("Heads: d_model 16 is not divisible"))
                .tryQuery().isPresent(), "the message is shown");
        robot.interact(() -> accepted.set(view.sheet().edit("Heads", 4)));
        assertTrue(accepted.get());
        assertEquals(4, vm.settings().heads);
    }

    @Test
    void aPresetAppliedByTheViewModelIsWhatTheSheetShowsAndKeeps(FxRobot robot) {
        TrainView view = window.trainView();
        robot.interact(() -> vm.applyPreset(Preset.PAPER_TOY)); // as -Dftx.autostart=PAPER_TOY does
        assertEquals(128, view.sheet().shown("Width D"), "the sheet shows the preset, not the values before it");
        assertEquals(64, view.sheet().shown("Batch"));
        AtomicReference<Boolean> accepted = new AtomicReference<>();
        robot.interact(() -> accepted.set(view.sheet().edit("Latent bits H", 16)));
        assertTrue(accepted.get());
        assertEquals(16, vm.settings().latentBits);
        assertEquals(128, vm.settings().dModel, "editing one field keeps the preset's others");
        assertEquals(64, vm.settings().batchSize);
    }
}

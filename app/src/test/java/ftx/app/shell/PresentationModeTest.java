package ftx.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.app.AppContext;
import ftx.app.testing.TestWindow;
import ftx.app.common.FxTaskRunner;
import ftx.app.common.LessonTarget;
import ftx.app.common.PresentationStyle;
import ftx.app.lesson.LessonViewModel;
import ftx.app.testing.TinyRun;
import ftx.app.train.TrainViewModel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** F5 on the real window, headless: what a teacher with a clicker relies on. */
@ExtendWith(ApplicationExtension.class)
class PresentationModeTest {
    @TempDir
    static Path home;
    private MainWindow window;
    private TrainViewModel train;
    private AppContext ctx;

    @Start
    void start(Stage stage) {
        ctx = new AppContext(home, Path.of("../sample-models"), FxTaskRunner.INSTANCE);
        train = new TrainViewModel(ctx.runs());
        TinyRun.apply(train.settings(), 1_000_000);
        train.settings().probeSeconds = 0;
        window = TestWindow.show(stage, ctx, train);
    }

    @Test
    void clickerKeysStepTheLessonEvenFromAFocusedFieldAndEscLeaves(FxRobot robot) throws Exception {
        Path model = Path.of("../sample-models/synthetic-kappa-1-bit");
        ftx.engine.ModelHandle handle = ftx.engine.ModelHandle.open(model);
        robot.interact(() -> ctx.setLoaded(new AppContext.ModelRef("synthetic-kappa-1-bit", model, "bundled"), handle));
        robot.interact(() -> {
            window.showLessons(true);
            window.lessonPanel().open(window.lessonPanel().bundledLessons().get(0)); // 1-what-does-z-decide.md
            window.show("Generate");
        });
        LessonViewModel lesson = window.lessonPanel().viewModel();
        assertEquals(0, lesson.indexProperty().get());
        TextField pins = (TextField) LessonTarget.find(window, "generate.pins");
        robot.clickOn(pins);
        robot.type(KeyCode.PAGE_DOWN);
        assertEquals(0, lesson.indexProperty().get(), "not presenting: the field keeps its keys");

        robot.type(KeyCode.F5);
        assertTrue(window.isPresenting());
        assertTrue(window.getScene().getRoot().getStyleClass().contains(PresentationStyle.ROOT), "large type, high contrast");
        Node exports = robot.lookup("Export JSON...").query().getParent();
        assertFalse(exports.isVisible() || exports.isManaged(), "the export row is hidden while presenting");
        assertEquals(22, window.lessonPanel().fontSizeProperty().get(), 0);
        robot.clickOn(pins);
        assertTrue(pins.isFocused(), "the pinned-Z field has the focus");
        robot.type(KeyCode.PAGE_DOWN);
        assertEquals(1, lesson.indexProperty().get(), "Page Down steps the lesson from a focused text field");
        assertEquals("", pins.getText(), "and types nothing into it");
        robot.type(KeyCode.PAGE_UP);
        assertEquals(0, lesson.indexProperty().get(), "Page Up goes back");
        robot.type(KeyCode.RIGHT);
        assertEquals(1, lesson.indexProperty().get(), "so do the arrows");
        robot.type(KeyCode.LEFT);
        assertEquals(0, lesson.indexProperty().get());

        robot.interact(() -> train.start());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> train.stepProperty().get() > 0);
        robot.type(KeyCode.P);
        assertTrue(train.pausedProperty().get(), "P pauses training");
        robot.type(KeyCode.P);
        assertFalse(train.pausedProperty().get(), "P resumes it");
        robot.interact(train::stop);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !train.runningProperty().get());

        robot.type(KeyCode.ESCAPE);
        assertFalse(window.isPresenting(), "Esc leaves");
        assertTrue(exports.isVisible() && exports.isManaged(), "the export row is back");
        assertEquals(14, window.lessonPanel().fontSizeProperty().get(), 0);
    }
}

package ftx.app.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.app.AppContext;
import ftx.app.testing.TestWindow;
import ftx.app.common.FxTaskRunner;
import ftx.app.common.LessonTarget;
import ftx.app.shell.MainWindow;
import ftx.app.train.TrainViewModel;
import ftx.engine.lesson.LessonStep;
import ftx.engine.lesson.LessonVocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Each bundled lesson played end to end on the real window, headless, with the bundled models: the
 * test answers every question (the expected option), presses every step's "Do it", waits for the
 * step's check, and presses Next, up to the last step. Along the way it checks what a learner
 * relies on: the step's control is outlined on its page, the result stays hidden until the
 * question is answered, formulas are drawn, and live numbers are filled in once there is something
 * to show.
 */
@ExtendWith(ApplicationExtension.class)
class LessonPlayTest {
    @TempDir
    static Path home;
    private MainWindow window;
    private TrainViewModel train;

    @Start
    void start(Stage stage) {
        AppContext ctx = new AppContext(home, Path.of("../sample-models"), FxTaskRunner.INSTANCE);
        train = new TrainViewModel(ctx.runs());
        train.settings().probeSeconds = 0;
        window = TestWindow.show(stage, ctx, train);
    }

    @Test
    void everyWordOfTheVocabularyIsAControlOrAnActionOfThisApp(FxRobot robot) {
        LessonPanel panel = window.lessonPanel();
        for (String control : LessonVocabulary.CONTROLS.keySet()) {
            assertNotNull(panelHost(panel).control(control), "the control " + control + " exists in the window");
        }
        assertEquals(2, panel.bundledLessons().size(), "the two bundled lessons are found");
    }

    @Test
    void whatDoesALatentVariableDecidePlaysToItsLastStep(FxRobot robot) throws Exception {
        List<String> seen = play(robot, "1-what-does-z-decide.md");
        assertTrue(seen.contains("Shared Z or fresh Z?"), seen.toString());
    }

    @Test
    void howMuchCanZSayPlaysToItsLastStep(FxRobot robot) throws Exception {
        try {
            play(robot, "2-how-much-can-z-say.md");
            assertTrue(train.runningProperty().get(), "the lesson started the 1/8-bit preset's run");
            assertEquals(0.125, train.settings().kappaBits, 1e-12, "with the 1/8-bit preset");
        } finally {
            robot.interact(train::stop);
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !train.runningProperty().get());
        }
    }

    /** Plays a bundled lesson through the panel's own buttons; returns the step titles passed. */
    private List<String> play(FxRobot robot, String file) throws Exception {
        LessonPanel panel = window.lessonPanel();
        robot.interact(() -> window.showLessons(true));
        robot.interact(() -> assertTrue(panel.open(window.lessonPanel().bundledLessons().stream()
                .filter(p -> p.getFileName().toString().equals(file)).findFirst().orElseThrow())));
        LessonViewModel vm = panel.viewModel();
        List<String> titles = new ArrayList<>();
        int steps = vm.lessonProperty().get().steps().size();
        for (int i = 0; i < steps; i++) {
            LessonStep step = vm.step();
            titles.add(step.title());
            if (step.page() != null && step.predict() == null) {
                assertEquals(step.page(), window.currentPage(), step.title() + ": its page is shown");
            }
            if (step.predict() != null) {
                assertTrue(buttons(panel, "Do it").isEmpty(), step.title() + ": no action before the answer");
                if (step.predict().reveal().length() > 0) {
                    assertFalse(vm.revealed(), step.title() + ": nothing revealed before the answer");
                }
                String option = step.predict().options().get(Math.max(0, step.predict().expected()));
                robot.clickOn(toggle(panel, option));
                if (step.page() != null) {
                    assertEquals(step.page(), window.currentPage(), step.title() + ": its page shows once answered");
                }
            }
            if (step.highlight() != null) {
                Node target = panelHost(panel).control(step.highlight());
                assertTrue(target.getStyleClass().contains(LessonTarget.STYLE), step.title() + ": "
                        + step.highlight() + " is outlined");
            }
            if (step.action() != null) {
                Button doIt = buttons(panel, "Do it").get(0);
                robot.clickOn(doIt);
            }
            try {
                WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, vm::canGoOn);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError(step.title() + ": the step's check " + step.check() + " never held; message \""
                        + vm.messageProperty().get() + "\"; train: running " + train.runningProperty().get() + ", error \"" + train.errorProperty().get() + "\", status \"" + train.statusProperty().get() + "\"", e);
            }
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals("", vm.messageProperty().get(), step.title() + ": the action went through");
            String shown = shownText(panel);
            for (String value : ftx.engine.lesson.LessonParser.values(step.text()
                    + (step.predict() == null ? "" : step.predict().reveal()))) {
                if (!value.startsWith("train.")) {
                    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !panelHost(panel).value(value).equals("..."));
                }
            }
            if (step.text().contains("$")) {
                List<Node> images = new ArrayList<>();
                collect(panel, n -> n instanceof ImageView, images);
                assertFalse(images.isEmpty(),
                        step.title() + ": its formulas are drawn");
            }
            if (vm.revealed()) {
                assertTrue(shown.contains("%") || step.predict().reveal().indexOf("{{") < 0, step.title()
                        + ": the reveal quotes the numbers: " + shown);
            }
            if (i < steps - 1) {
                robot.clickOn(buttons(panel, "Next").get(0));
                WaitForAsyncUtils.waitForFxEvents();
                assertEquals(i + 1, vm.indexProperty().get(), "moved on from " + step.title());
            }
        }
        assertTrue(vm.isLast(), "reached the last step");
        return titles;
    }

    private static LessonHost panelHost(LessonPanel panel) {
        return panel.host();
    }

    private static List<Button> buttons(Parent root, String prefix) {
        List<Node> out = new ArrayList<>();
        collect(root, n -> n instanceof Button b && b.getText() != null && b.getText().startsWith(prefix)
                && b.isVisible() && !b.isDisabled(), out);
        return out.stream().map(Button.class::cast).toList();
    }

    private static ToggleButton toggle(Parent root, String text) {
        List<Node> out = new ArrayList<>();
        collect(root, n -> n instanceof ToggleButton t && text.equals(t.getText()), out);
        return (ToggleButton) out.get(0);
    }

    private static String shownText(Parent root) {
        AtomicReference<StringBuilder> b = new AtomicReference<>(new StringBuilder());
        List<Node> out = new ArrayList<>();
        collect(root, n -> n instanceof javafx.scene.text.Text || n instanceof Labeled, out);
        for (Node n : out) {
            b.get().append(n instanceof Labeled l ? l.getText() : ((javafx.scene.text.Text) n).getText()).append(' ');
        }
        return b.get().toString();
    }

    private static void collect(Node n, java.util.function.Predicate<Node> keep, List<Node> out) {
        if (keep.test(n)) {
            out.add(n);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, keep, out);
            }
        }
    }
}

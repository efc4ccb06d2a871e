package ftx.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.app.AppContext;
import ftx.app.FtxApplication;
import ftx.app.testing.GoldenModel;
import ftx.app.testing.ScriptedDialogs;
import ftx.app.testing.TinyRun;
import ftx.app.train.TrainViewModel;
import ftx.engine.EngineInfo;
import ftx.engine.ModelHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A monkey over the whole window, headless: with a model loaded and a run training, random
 * clicks on whatever is visible and enabled, shortcuts and typing, on every page, for
 * {@code -Dftx.monkey.seconds} (30 by default). No exception may escape on any thread, and the
 * window must still answer at the end. File dialogs answer through the app's one seam
 * ({@code FileDialogs}): a save writes into a scratch folder by the real save path, an open or a
 * folder dialog cancels or answers a folder that holds no checkpoint.
 */
@ExtendWith(ApplicationExtension.class)
class MonkeyUiTest {
    private static final KeyCode[] DIGITS = {KeyCode.DIGIT0, KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5};
    private static final KeyCode[] SHORTCUTS = {KeyCode.R, KeyCode.P, KeyCode.T, KeyCode.S};
    @TempDir
    static Path home;
    private final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    private AppContext ctx;
    private TrainViewModel vm;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        ctx = new AppContext(home, sampleModels());
        vm = new TrainViewModel(ctx.runs());
        TinyRun.apply(vm.settings(), 1_000_000);
        vm.settings().saveEvery = 25;
        window = new MainWindow(ctx, vm, new EngineInfo("CPU (test)", "CPU", 1, 2, "auto", null, "cpu"));
        Scene scene = new Scene(window, 1200, 800);
        scene.getStylesheets().add(FtxApplication.class.getResource("app.css").toExternalForm());
        window.installShortcuts(scene, vm);
        stage.setScene(scene);
        stage.show();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> errors.add(e));
    }

    /** The bundled sample models, so the welcome page's buttons load real ones. */
    private static Path sampleModels() {
        for (Path up = Path.of("").toAbsolutePath(); up != null; up = up.getParent()) {
            if (Files.isDirectory(up.resolve("sample-models"))) {
                return up.resolve("sample-models");
            }
        }
        return home.resolve("no-samples");
    }

    @Test
    void randomClicksAndKeysOnEveryPageWhileTrainingLeaveTheWindowAnswering(FxRobot robot) throws Exception {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> errors.add(e));
        Path exports = Files.createDirectories(home.resolve("exports"));
        Random answers = new Random(11);
        try (ScriptedDialogs dialogs = ScriptedDialogs.install(r -> switch (r.kind()) {
            case "save" -> exports.resolve(r.initialName());
            default -> answers.nextBoolean() ? null : exports;
        })) {
            ModelHandle golden = GoldenModel.open(home.resolve("golden"));
            robot.interact(() -> ctx.setLoaded(new AppContext.ModelRef("golden tiny", home, "test model"), golden));
            robot.interact(vm::start);
            long seconds = Long.getLong("ftx.monkey.seconds", 30);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            Random random = new Random(Long.getLong("ftx.monkey.seed", 5));
            int actions = 0;
            while (System.nanoTime() < end) {
                int kind = random.nextInt(10);
                if (kind < 6) {
                    click(robot, random);
                } else if (kind < 8) {
                    robot.press(KeyCode.CONTROL);
                    KeyCode k = random.nextBoolean() ? DIGITS[random.nextInt(DIGITS.length)] : SHORTCUTS[random.nextInt(SHORTCUTS.length)];
                    robot.press(k).release(k);
                    robot.release(KeyCode.CONTROL);
                } else {
                    robot.write(randomText(random));
                    robot.press(random.nextBoolean() ? KeyCode.ENTER : KeyCode.ESCAPE).release(KeyCode.ENTER, KeyCode.ESCAPE);
                }
                actions++;
                WaitForAsyncUtils.waitForFxEvents();
            }
            assertTrue(actions > 20, "the monkey acted " + actions + " times");
            AtomicReference<String> answer = new AtomicReference<>();
            WaitForAsyncUtils.asyncFx(() -> answer.set("page " + window.getCenter())).get(5, TimeUnit.SECONDS);
            assertTrue(answer.get() != null, "the window answers");
            robot.interact(vm::stop);
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.runningProperty().get());
            System.err.println("MonkeyUiTest: " + actions + " actions in " + seconds + " s, " + dialogs.requests().size()
                    + " file dialogs, " + errors.size() + " exceptions");
            assertEquals(List.of(), errors, "exceptions that escaped");
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    /** Clicks a random visible, enabled control. */
    private void click(FxRobot robot, Random random) {
        List<Node> targets = new ArrayList<>();
        robot.interact(() -> collect(window.getScene().getRoot(), targets));
        if (targets.isEmpty()) {
            return;
        }
        Node n = targets.get(random.nextInt(targets.size()));
        try {
            robot.clickOn(n);
        } catch (RuntimeException e) {
            // the robot could not reach it (moved or hidden since): not the app's fault
        }
    }

    private static void collect(Node node, List<Node> out) {
        if (!node.isVisible() || node.isDisabled()) {
            return;
        }
        boolean control = node instanceof ButtonBase || node instanceof ComboBoxBase || node instanceof TextInputControl;
        if (control && onScreen(node)) {
            out.add(node);
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, out);
            }
        }
    }

    private static boolean onScreen(Node node) {
        Bounds b = node.localToScene(node.getBoundsInLocal());
        return b.getWidth() > 2 && b.getHeight() > 2 && b.getMinX() >= 0 && b.getMinY() >= 0
                && b.getMaxX() <= node.getScene().getWidth() && b.getMaxY() <= node.getScene().getHeight();
    }

    private static String randomText(Random random) {
        String pool = "0123456789.-eC>_!abcXYZ ,";
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(6); i >= 0; i--) {
            s.append(pool.charAt(random.nextInt(pool.length())));
        }
        return s.toString();
    }
}

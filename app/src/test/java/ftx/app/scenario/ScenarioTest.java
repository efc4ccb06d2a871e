package ftx.app.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.app.AppContext;
import ftx.app.FtxApplication;
import ftx.app.common.FxTaskRunner;
import ftx.app.generate.GenerateView;
import ftx.app.generate.GenerationOutcome;
import ftx.app.inspect.InspectView;
import ftx.app.shell.MainWindow;
import ftx.app.testing.ScriptedDialogs;
import ftx.app.train.TrainViewModel;
import ftx.engine.EngineInfo;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Scenarios on the real window, headless: saved through the Scenario menu, opened in a fresh window
 * of a fresh app state, the same samples bit for bit; bad files refused with a reason, nothing
 * changed.
 */
@ExtendWith(ApplicationExtension.class)
class ScenarioTest {
    private static final Path SAMPLES = Path.of("../sample-models");
    @TempDir
    static Path home;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = newWindow(home.resolve("a"));
        stage.setScene(scene(window));
        stage.show();
    }

    private static MainWindow newWindow(Path dir) {
        AppContext ctx = new AppContext(dir, SAMPLES, FxTaskRunner.INSTANCE);
        return new MainWindow(ctx, new TrainViewModel(ctx.runs()), new EngineInfo("CPU (test)", "CPU", 1, 2, "auto", null, "cpu"));
    }

    private static Scene scene(MainWindow w) {
        Scene scene = new Scene(w, 1280, 800);
        scene.getStylesheets().add(FtxApplication.class.getResource("app.css").toExternalForm());
        return scene;
    }

    @Test
    void aSavedScenarioOpensInAFreshAppWithTheSameSamplesBitForBit(FxRobot robot) throws Exception {
        GenerateView generate = (GenerateView) window.page("Generate");
        InspectView inspect = (InspectView) window.page("Inspect");
        // the state: the 1-bit model, Generate with its own seed, groups and a pin, a flipped bit, a lesson step
        Path model = SAMPLES.resolve("synthetic-kappa-1-bit");
        AtomicReference<Throwable> loadError = new AtomicReference<>();
        robot.interact(() -> window.context().open(new AppContext.ModelRef("synthetic-kappa-1-bit", model, "test"),
                m -> { }, loadError::set));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.context().loadedModelProperty().get() != null);
        robot.interact(() -> {
            generate.viewModel().seedProperty().set(7);
            generate.viewModel().groupsProperty().set(3);
            generate.viewModel().pinnedZProperty().set("-1,-1,-1,-1,5");
            generate.viewModel().generate();
            inspect.viewModel().textProperty().set("C>" + "_".repeat(20) + "CCCCCCCC" + "_".repeat(36));
            inspect.viewModel().inspect(window.context().loadedModelProperty().get());
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> generate.viewModel().outcomeProperty().get() != null
                && inspect.viewModel().resultProperty().get() != null);
        robot.interact(() -> {
            inspect.viewModel().flipBit(22, 0);
            window.showLessons(true);
            window.lessonPanel().open(window.lessonPanel().bundledLessons().get(0));
            window.lessonPanel().viewModel().goTo(4);
            window.show("Generate");
        });
        GenerationOutcome before = generate.viewModel().outcomeProperty().get();
        Map<Integer, Integer> edits = Map.copyOf(inspect.viewModel().edits());
        Path file = home.resolve("class.ftx-scenario.json");
        try (ScriptedDialogs dialogs = ScriptedDialogs.install(r -> file)) {
            robot.clickOn("Scenario");
            robot.clickOn("Save scenario...");
            assertEquals("save", dialogs.requests().get(0).kind());
        }
        assertTrue(Files.readString(file).contains("\"bundled\" : \"synthetic-kappa-1-bit\""), Files.readString(file));

        // a fresh app: its own home, nothing loaded
        AtomicReference<MainWindow> fresh = new AtomicReference<>();
        robot.interact(() -> {
            MainWindow w = newWindow(home.resolve("b"));
            Stage s = new Stage();
            s.setScene(scene(w));
            s.show();
            fresh.set(w);
            w.openScenario(file);
        });
        MainWindow b = fresh.get();
        GenerateView generateB = (GenerateView) b.page("Generate");
        InspectView inspectB = (InspectView) b.page("Inspect");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> generateB.viewModel().outcomeProperty().get() != null
                && !inspectB.viewModel().edits().isEmpty());
        GenerationOutcome after = generateB.viewModel().outcomeProperty().get();
        assertEquals(before.groups().size(), after.groups().size());
        for (int g = 0; g < before.groups().size(); g++) {
            List<GenerationOutcome.Sample> x = before.groups().get(g).samples();
            List<GenerationOutcome.Sample> y = after.groups().get(g).samples();
            assertEquals(x.size(), y.size());
            for (int i = 0; i < x.size(); i++) {
                assertEquals(x.get(i).text(), y.get(i).text(), "group " + g + " sample " + i);
                assertArrayEquals(x.get(i).z(), y.get(i).z(), "the Z of group " + g + " sample " + i);
            }
        }
        assertArrayEquals(before.pins(), after.pins());
        assertEquals(edits, Map.copyOf(inspectB.viewModel().edits()), "the flipped bit");
        assertEquals("Generate", b.currentPage());
        assertEquals(4, b.lessonPanel().viewModel().indexProperty().get(), "the lesson step");
        assertNull(loadError.get());
    }

    @Test
    void filesThatAreNotGoodScenariosOpenNothingAndSayWhy(FxRobot robot) throws Exception {
        Path good = home.resolve("good.ftx-scenario.json");
        Files.writeString(good, """
                {"format": "ftx-scenario", "version": 1, "model": {"bundled": "synthetic-kappa-1-bit"}, "page": "Inspect",
                 "generate": {"prompt": "C>", "temperature": 1.0, "seed": 3, "groups": 2, "samplesPerGroup": 2,
                              "newSymbols": 64, "pins": "", "bit": 0, "shown": "none"}}
                """);
        String text = Files.readString(good);
        Path missingModel = write("missing.json", text.replace("synthetic-kappa-1-bit", "no-such-model"));
        Path wrongField = write("wrong.json", text.replace("\"groups\": 2", "\"groups\": \"many\""));
        Path badPage = write("page.json", text.replace("Inspect", "Kitchen"));
        Path big = home.resolve("big.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(100L << 20); // 100 MB
        }
        Path png = home.resolve("picture.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, (byte) 0xff, (byte) 0xfe});
        Path plainJson = write("other.json", "{\"rows\": []}");
        Map<Path, String> expected = Map.of(
                missingModel, "The scenario's model \"no-such-model\" is not on this machine",
                wrongField, "The scenario's \"generate.groups\" is \"many\"; it is a number from 1 to 16",
                badPage, "The scenario's \"page\" is \"Kitchen\"",
                big, "big.json is not a scenario: it holds 104857600 bytes",
                png, "picture.png is not a scenario: it is not text",
                plainJson, "other.json is not a scenario: it has no \"format\": \"ftx-scenario\"");
        for (Map.Entry<Path, String> e : expected.entrySet()) {
            AtomicReference<String> said = new AtomicReference<>();
            robot.interact(() -> {
                window.openScenario(e.getKey());
                said.set(window.scenarios().messageProperty().get());
            });
            assertTrue(said.get().startsWith(e.getValue()), e.getKey().getFileName() + ": " + said.get());
            WaitForAsyncUtils.waitForFxEvents();
            assertNull(window.context().currentModelProperty().get(), e.getKey().getFileName() + ": no model loaded");
            assertEquals("Welcome", window.currentPage(), e.getKey().getFileName() + ": the page did not change");
        }
    }

    private static Path write(String name, String text) throws java.io.IOException {
        Path p = home.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}

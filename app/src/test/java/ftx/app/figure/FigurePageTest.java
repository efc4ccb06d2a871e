package ftx.app.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ftx.app.testing.Pixels;
import ftx.app.testing.ScriptedDialogs;
import ftx.engine.analysis.FigureReading;
import ftx.engine.analysis.GroupMetrics;
import ftx.engine.analysis.SyntheticEvaluation;
import ftx.engine.analysis.SyntheticEvaluationReport;
import ftx.engine.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * The Figure 4 page with the four bundled kappa models, headless: its numbers are those of
 * {@code ftx evaluate} for the same model, prompt letter, group count and seed; Regenerate all
 * fills the four panels with their readings; the numbers export as CSV and JSON.
 */
@ExtendWith(ApplicationExtension.class)
class FigurePageTest {
    private static final Path SAMPLES = Path.of("../sample-models");
    @TempDir
    Path tmp;
    private FigureView view;

    @Start
    void start(Stage stage) {
        view = new FigureView(new FigureViewModel(SAMPLES, ftx.app.common.FxTaskRunner.INSTANCE));
        stage.setScene(new Scene(view, 1150, 800));
        stage.show();
    }

    @Test
    void eachPanelsNumbersAreThoseOfFtxEvaluateForTheSameSettings() throws Exception {
        SyntheticEvaluation.Settings s = new SyntheticEvaluation.Settings(4, 5, 0, 1.0, 3, 'K');
        for (String name : FigureViewModel.BUNDLED) {
            Path dir = SAMPLES.resolve(name);
            SyntheticEvaluationReport page = FigureViewModel.evaluate(dir, s).report();
            JsonNode cli = evaluate(dir, "--groups", "4", "--letter", "K", "--seed", "3", "--fresh-data", "0",
                    "--bit-samples", "0");
            assertEquals(cli.get("reading").asText(), FigureReading.of(page), name);
            same(cli.get("modes").get("fresh"), page.fresh().metrics(), page.fresh().firstGroup(), name + " fresh");
            same(cli.get("modes").get("shared"), page.shared().metrics(), page.shared().firstGroup(), name + " shared");
            assertTrue(page.fresh().firstGroup().get(0).startsWith("K>"), "one prompt for all: " + page.fresh().firstGroup());
        }
    }

    private static void same(JsonNode mode, GroupMetrics g, List<String> first, String what) {
        assertEquals(mode.get("samples").asInt(), g.samples(), what);
        assertEquals(mode.get("wellFormed").asDouble(), g.wellFormed(), 1e-12, what);
        assertEquals(mode.get("startAgreement").asDouble(Double.NaN), g.startAgreement(), 1e-12, what);
        assertEquals(mode.get("nearModeFraction").asDouble(Double.NaN), g.nearMode(), 1e-12, what);
        assertEquals(mode.get("nearModeChance").asDouble(Double.NaN), g.nearModeChance(), 1e-12, what);
        assertEquals(mode.get("noiseOverlap").asDouble(Double.NaN), g.noiseOverlap(), 1e-12, what);
        for (int i = 0; i < first.size(); i++) {
            assertEquals(mode.get("firstGroup").get(i).asText(), first.get(i), what + " sample " + i);
        }
    }

    private static JsonNode evaluate(Path dir, String... options) throws Exception {
        String[] argv = new String[options.length + 4];
        argv[0] = "evaluate";
        argv[1] = "--model";
        argv[2] = dir.toString();
        System.arraycopy(options, 0, argv, 3, options.length);
        argv[argv.length - 1] = "--json";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void regenerateAllFillsTheFourPanelsWithTheirReadingsAndTheNumbersExportAsCsvAndJson(FxRobot robot) throws Exception {
        robot.interact(() -> {
            view.groups.setText("3");
            view.regenerate.fire();
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> view.viewModel().panels().stream()
                .allMatch(p -> p.report() != null) && !view.viewModel().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        List<FigurePanelData> data = view.viewModel().panels();
        for (int i = 0; i < 4; i++) {
            AtomicReference<String> shown = new AtomicReference<>();
            int index = i;
            robot.interact(() -> shown.set(view.panelNodes().get(index).readingLabel().getText()));
            assertEquals(FigureReading.of(data.get(i).report()), shown.get(), data.get(i).name());
            assertEquals(3, data.get(i).shownGroups().size(), "a fresh group and two shared groups");
            robot.interact(() -> shown.set(view.panelNodes().get(index).recipeLabel().getText()));
            assertEquals(i == 1 ? "Trained with free bits: one for the whole batch; kappa from 1 bit over 1,500 steps; encoder frozen from "
                    + "step 4,000" : "",
                    shown.get(), data.get(i).name() + ": only a model not trained the paper's way names its recipe");
        }
        assertEquals(FigureReading.BREAKS, data.get(3).reading(), "8 bits: generation breaks");
        Path csv = tmp.resolve("figure.csv");
        Path json = tmp.resolve("figure.json");
        Path png = tmp.resolve("figure.png");
        java.util.Iterator<Path> answers = List.of(csv, json, png).iterator();
        try (ScriptedDialogs dialogs = ScriptedDialogs.install(r -> answers.next())) {
            robot.clickOn("Export numbers...");
            robot.clickOn("Export numbers...");
            robot.clickOn("Export PNG...");
            assertEquals(List.of("json", "csv"), dialogs.requests().get(0).extensions(), "JSON or CSV offered");
        }
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 8, lines.size(), "a header and fresh/shared rows for 4 panels: " + lines);
        assertTrue(lines.get(1).startsWith("1,synthetic-kappa-1-64-bit,fresh,3,15,"), lines.get(1));
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(8, j.get("rows").size());
        assertEquals("C", j.get("settings").get("letter").asText());
        assertTrue(Files.size(png) > 10_000 && Pixels.isPng(png), "a PNG of the grid");
        try (var left = Files.list(tmp)) {
            assertEquals(0, left.filter(f -> f.getFileName().toString().startsWith(".partial-")).count(),
                    "no partial file left behind");
        }
    }
}

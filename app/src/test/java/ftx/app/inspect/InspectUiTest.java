package ftx.app.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ftx.app.AppContext;
import ftx.app.common.PngExport;
import ftx.app.testing.GoldenModel;
import ftx.engine.ModelHandle;
import ftx.engine.analysis.LatentAnalysis;
import ftx.engine.analysis.PositionCode;
import ftx.engine.io.Safetensors;
import ftx.engine.util.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
 * Inspect a known sequence with the golden model: the Z indices and KL the view shows are the
 * engine's, the KL matches the independent implementation, and the exports are valid PNG/JSON.
 */
@ExtendWith(ApplicationExtension.class)
class InspectUiTest {
    @TempDir
    static Path tmp;
    private InspectView view;
    private AppContext ctx;
    private ModelHandle model;

    @Start
    void start(Stage stage) throws Exception {
        ctx = new AppContext(tmp.resolve("home"), tmp.resolve("samples"));
        model = GoldenModel.open(tmp);
        ctx.setLoaded(new AppContext.ModelRef("golden-tiny", tmp, "golden"), model);
        view = new InspectView(ctx);
        stage.setScene(new Scene(view, 1200, 700));
        stage.show();
    }

    @Test
    void showsTheEnginesZAndKlForAKnownSequenceAndExportsThem(FxRobot robot) throws Exception {
        int[] tokens = Arrays.copyOf(Safetensors.read(GoldenModel.caseDir().resolve("case.safetensors")).get("tokens").toInts(), 65);
        String text = model.vocabulary().decode(tokens);
        robot.interact(() -> {
            view.text.setText(text);
            view.viewModel().seedProperty().set(7);
        });
        robot.clickOn(view.inspect);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.viewModel().resultProperty().get() != null
                && view.viewModel().resultProperty().get().text().equals(text)); // not the sample the page opened with
        InspectResult shown = view.viewModel().resultProperty().get();
        List<PositionCode> engine = LatentAnalysis.encode(model.model(), tokens, new Rng(7));
        double[] goldenKl = Safetensors.read(GoldenModel.caseDir().resolve("case.safetensors")).get("kl").values();
        assertEquals(65, shown.codes().size());
        for (int t = 0; t < 65; t++) {
            assertEquals(engine.get(t).sampledZ(), shown.zAt(t, false), "sampled Z at " + t);
            assertEquals(engine.get(t).mostLikelyZ(), shown.zAt(t, true), "most likely Z at " + t);
            assertEquals(goldenKl[t], shown.codes().get(t).kl(), 1e-5, "KL at " + t);
        }
        Path json = tmp.resolve("inspect.json");
        Path png = tmp.resolve("inspect.png");
        robot.interact(() -> view.viewModel().mostLikelyProperty().set(true));
        view.viewModel().exportJson(json);
        AtomicReference<Exception> failure = new AtomicReference<>();
        robot.interact(() -> {
            try {
                PngExport.write(view, png);
            } catch (Exception e) {
                failure.set(e);
            }
        });
        assertEquals(null, failure.get());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(65, root.get("positions").size());
        assertEquals("mostLikely", root.get("zShown").asText());
        assertEquals(engine.get(10).mostLikelyZ(), root.get("positions").get(10).get("z").asInt());
        assertEquals(8, root.get("positions").get(0).get("bitProbabilities").size());
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertTrue(Arrays.equals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head), "a PNG file");
    }

    @Test
    void thePageOpensWithADrawnTaskSampleInspected(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.viewModel().resultProperty().get() != null);
        assertTrue(view.viewModel().resultProperty().get().text().contains(">"), "a task sample, read at once");
        assertTrue(view.viewModel().factorsProperty().get().startsWith("task sample"));
    }

    @Test
    void clickingABitCellFlipsThatBitOfTheShownCode(FxRobot robot) throws Exception {
        robot.interact(() -> view.text.setText("C>___CCCCCCCC___"));
        robot.clickOn(view.inspect);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.viewModel().resultProperty().get() != null
                && view.viewModel().resultProperty().get().text().equals("C>___CCCCCCCC___"));
        InspectViewModel vm = view.viewModel();
        int before = vm.zShownAt(4);
        robot.interact(() -> vm.flipBit(4, 3));
        assertEquals(before ^ 8, vm.zShownAt(4));
        assertEquals(before ^ 8, vm.zShown()[4], "the edited code is what Generate gets pinned");
        Path json = tmp.resolve("edited.json");
        vm.exportJson(json);
        assertTrue(new ObjectMapper().readTree(json.toFile()).get("positions").get(4).get("edited").asBoolean());
        robot.interact(() -> vm.flipBit(4, 3));
        assertEquals(before, vm.zShownAt(4));
        assertTrue(vm.edits().isEmpty(), "flipping back removes the edit");
    }

    @Test
    void unknownSymbolsAreRefusedWithAMessage(FxRobot robot) throws Exception {
        robot.interact(() -> view.text.setText("C>__#"));
        robot.clickOn(view.inspect);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !view.viewModel().errorProperty().get().isEmpty());
        assertTrue(view.viewModel().errorProperty().get().contains("'#' at 4"), view.viewModel().errorProperty().get());
    }

    @Test
    void theBitGridIsOperableFromTheKeyboard(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.viewModel().resultProperty().get() != null);
        LatentGrid grid = (LatentGrid) ftx.app.common.LessonTarget.find(view, "inspect.grid");
        robot.interact(() -> {
            view.inspect.requestFocus();
        });
        robot.type(javafx.scene.input.KeyCode.TAB);
        javafx.scene.Node owner = view.getScene().getFocusOwner();
        for (int i = 0; i < 12 && owner != grid; i++) { // Tab walks the page's controls to the grid
            robot.type(javafx.scene.input.KeyCode.TAB);
            owner = view.getScene().getFocusOwner();
        }
        assertEquals(grid, owner, "Tab reaches the bit grid");
        int before = view.viewModel().zShownAt(2);
        robot.type(javafx.scene.input.KeyCode.RIGHT, javafx.scene.input.KeyCode.RIGHT);
        robot.type(javafx.scene.input.KeyCode.UP);
        robot.type(javafx.scene.input.KeyCode.SPACE);
        assertEquals(2, grid.cursor()[0]);
        assertEquals(1, grid.cursor()[1]);
        assertEquals(before ^ 2, view.viewModel().zShownAt(2), "Space flips bit 1 of the code at position 2");
        assertEquals(grid, view.getScene().getFocusOwner(), "the arrows moved the cursor, not the focus");
    }
}

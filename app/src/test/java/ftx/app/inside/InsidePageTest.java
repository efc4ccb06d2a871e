package ftx.app.inside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import ftx.app.AppContext;
import ftx.app.common.FxTaskRunner;
import ftx.engine.ModelHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
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
 * The Inside page, headless, on the bundled 1-bit model: it opens with a drawn sample read,
 * arrows move t, a click on a diagram box shows that part, a click on a traversal row pins its
 * code (the bars gain the code's distribution) and hands Z to Generate; a baseline says it has
 * no Z and still shows the rest.
 */
@ExtendWith(ApplicationExtension.class)
class InsidePageTest {
    @TempDir
    static Path tmp;
    private AppContext ctx;
    private InsideView view;

    @Start
    void start(Stage stage) {
        ctx = new AppContext(tmp.resolve("home"), Path.of("../sample-models"), FxTaskRunner.INSTANCE);
        view = new InsideView(ctx);
        stage.setScene(new Scene(view, 1260, 780)); // inside the headless screen (1280 x 800)
        stage.show();
    }

    private void load(FxRobot robot, String name) throws Exception {
        ModelHandle m = ModelHandle.open(Path.of("../sample-models", name));
        robot.interact(() -> ctx.setLoaded(new AppContext.ModelRef(name, Path.of("../sample-models", name), "test"), m));
    }

    @Test
    void arrowsMoveTheDiagramOpensPartsAndACodeCanBePinned(FxRobot robot) throws Exception {
        InsideViewModel vm = view.viewModel();
        load(robot, "synthetic-kappa-1-bit");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.atProperty().get() != null);
        assertTrue(vm.textProperty().get().startsWith("W>") || vm.textProperty().get().contains(">"),
                "a task sample was drawn: " + vm.textProperty().get());
        assertEquals(256, vm.atProperty().get().traversal().size());

        robot.clickOn(view.diagram()); // focus the page (not the text field)
        int before = vm.positionProperty().get();
        robot.type(KeyCode.RIGHT, 3);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.atProperty().get() != null
                && vm.atProperty().get().position() == before + 3);
        assertTrue(vm.lastMillis() >= 0);

        DiagramPainter.Box encoder = view.diagram().boxes().stream().filter(b -> "encoder".equals(b.part())).findFirst()
                .orElseThrow();
        Point2D at = view.diagram().localToScreen((encoder.x() + encoder.w() / 2) * view.diagram().getWidth(),
                (encoder.y() + encoder.h() / 2) * view.diagram().getHeight());
        robot.clickOn(at);
        assertEquals("encoder", view.diagram().selected());

        robot.interact(() -> vm.pin(7));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.atProperty().get().code() != null);
        assertEquals(7, vm.atProperty().get().code());
        assertEquals(29, vm.atProperty().get().codeProbs().length);
        robot.interact(() -> ctx.requestPin(vm.zWithCode(7)));
        assertEquals(7, ctx.steerRequestProperty().get().z()[vm.positionProperty().get()]);

        Path json = tmp.resolve("inside.json");
        Path csv = tmp.resolve("inside.csv");
        vm.exportJson(json);
        vm.exportCsv(csv);
        var root = new ObjectMapper().readTree(json.toFile());
        assertEquals(vm.positionProperty().get(), root.get("position").asInt());
        assertEquals(7, root.get("nextToken").get("code").get("z").asInt());
        assertEquals(257, Files.readAllLines(csv).size(), "a header and a row per code");

        robot.interact(() -> vm.sharedProperty().set(true));
        robot.interact(vm::refresh);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.atProperty().get().shared());
        assertTrue(view.diagram().svg().contains("Binary Mapper"), "the diagram exports as SVG");
    }

    @Test
    void aBaselineHasNoZButTheRestWorks(FxRobot robot) throws Exception {
        InsideViewModel vm = view.viewModel();
        load(robot, "synthetic-baseline");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.atProperty().get() != null);
        assertNull(vm.sequenceProperty().get().z());
        assertEquals(0, vm.atProperty().get().traversal().size());
        assertNotNull(vm.atProperty().get().encoderZ());
        assertTrue(view.diagram().boxes().stream().noneMatch(DiagramPainter.Box::latent), "no latent path drawn");
        robot.interact(() -> vm.textProperty().set("C>__q"));
        robot.interact(() -> vm.open(ctx.loadedModelProperty().get()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm.errorProperty().get().isEmpty());
        assertTrue(vm.errorProperty().get().contains("'q'"), vm.errorProperty().get());
    }

    @Test
    void anotherModelResetsThePageAndReadsItsOwnTaskSample(FxRobot robot) throws Exception {
        InsideViewModel vm = view.viewModel();
        load(robot, "synthetic-kappa-1-bit");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.atProperty().get() != null);
        robot.interact(() -> vm.pin(3));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.atProperty().get() != null
                && Integer.valueOf(3).equals(vm.atProperty().get().code()));
        load(robot, "reviews-kappa-1-8-bit");
        assertNull(vm.codeProperty().get(), "the pinned code belonged to the other model");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.atProperty().get() != null
                && vm.sequenceProperty().get() != null && vm.model() == ctx.loadedModelProperty().get());
        assertTrue(vm.textProperty().get().startsWith(">"), "a review drawn for the reviews model: "
                + vm.textProperty().get());
        assertEquals("", vm.errorProperty().get());
        robot.interact(() -> vm.sharedProperty().set(true));
        int t = vm.positionProperty().get();
        int[] z = vm.zWithCode(5);
        for (int i = 0; i <= t; i++) {
            assertEquals(5, z[i], "shared: Generate gets the code at every position up to t");
        }
    }
}

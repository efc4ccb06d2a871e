package ftx.app.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.app.AppContext;
import ftx.engine.ModelHandle;
import ftx.engine.analysis.BitDictionary;
import ftx.engine.task.SyntheticTask;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The bit dictionary on the Inspect page with the bundled 1-bit model, headless: it shows the
 * engine's numbers, one bit stands far above the others, and clicking its cell asks the Generate
 * page what that bit does.
 */
@ExtendWith(ApplicationExtension.class)
class BitDictionaryUiTest {
    @TempDir
    static Path tmp;
    private InspectView view;
    private ModelHandle model;
    private final AtomicInteger explained = new AtomicInteger(-1);

    @Start
    void start(Stage stage) throws Exception {
        AppContext ctx = new AppContext(tmp.resolve("home"), Path.of("../sample-models"));
        model = ModelHandle.open(Path.of("../sample-models/synthetic-kappa-1-bit"));
        ctx.setLoaded(new AppContext.ModelRef("synthetic-kappa-1-bit", tmp, "1 bit"), model);
        ctx.steerRequestProperty().addListener((o, was, r) -> explained.set(r.bit())); // what Generate receives
        view = new InspectView(ctx);
        stage.setScene(new Scene(new ScrollPane(view), 1200, 900));
        stage.show();
    }

    @Test
    void theDictionaryShowsTheEnginesNumbersAndAClickExplainsTheBit(FxRobot robot) throws Exception {
        BitDictionaryChart chart = view.dictionaryChart();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> chart.report() != null);
        BitDictionary.Report shown = chart.report();
        BitDictionary.Report engine = BitDictionary.measure(model.model(), new SyntheticTask(), DictionaryViewModel.SAMPLES, 1L);
        assertEquals(engine.factors(), shown.factors());
        for (int f = 0; f < engine.factors().size(); f++) {
            assertArrayEquals(engine.information()[f], shown.information()[f], 1e-12, engine.factors().get(f));
        }
        int ahead = shown.factors().size() - 1; // the noise-ahead row
        int best = shown.bestBit(ahead);
        for (int b = 0; b < shown.information()[ahead].length; b++) {
            assertTrue(b == best || shown.information()[ahead][best] > 5 * shown.information()[ahead][b],
                    "bit " + best + " stands far above bit " + b);
        }
        double[] c = chart.cellCentre(ahead, best);
        Point2D screen = chart.localToScreen(c[0], c[1]);
        robot.clickOn(screen);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(best, explained.get(), "a click on the cell explains its bit in Generate");
        explained.set(-1);
        robot.interact(chart::requestFocus);
        robot.type(javafx.scene.input.KeyCode.LEFT); // the click left the cursor where it was: bit 0
        for (int b = 0; b < 3; b++) {
            robot.type(javafx.scene.input.KeyCode.RIGHT);
        }
        robot.type(javafx.scene.input.KeyCode.ENTER);
        assertEquals(3, explained.get(), "from the keyboard: Right three times, Enter explains bit 3");
    }
}

package ftx.app.welcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.app.AppContext;
import ftx.app.generate.GenerateView;
import ftx.app.shell.MainWindow;
import ftx.app.train.TrainViewModel;
import ftx.engine.EngineInfo;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The first minute: the window opens on the welcome page, and one click shows a Figure-4 generation. */
@ExtendWith(ApplicationExtension.class)
class WelcomeUiTest {
    @TempDir
    static Path home;
    private AppContext ctx;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        ctx = new AppContext(home, Path.of("../sample-models")); // the bundled models, from the app module
        window = new MainWindow(ctx, new TrainViewModel(ctx.runs()), new EngineInfo("CPU (test)", "CPU", 1, 2, "auto", null, "cpu"));
        stage.setScene(new Scene(window, 1200, 760));
        stage.show();
    }

    @Test
    void oneClickLoadsTheSampleModelAndGeneratesGroupsSharingZ(FxRobot robot) throws Exception {
        assertTrue(robot.lookup("Load a sample model and generate (Figure 4)").tryQuery().isPresent(), "opens on the welcome page");
        robot.clickOn("Load a sample model and generate (Figure 4)");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> ctx.currentModelProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        GenerateView generate = robot.lookup((javafx.scene.Node n) -> n instanceof GenerateView).queryAs(GenerateView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> generate.viewModel().outcomeProperty().get() != null);
        assertEquals(WelcomeView.DEMO_MODEL, ctx.currentModelProperty().get().name());
        String comparison = generate.viewModel().outcomeProperty().get().comparison();
        assertTrue(comparison.startsWith("Shared groups agree on the start"), comparison);
    }

    @Test
    void theReviewsDemoLoadsTheReviewsModelAndComparesSentiment(FxRobot robot) throws Exception {
        robot.clickOn("Movie reviews: does Z decide the sentiment?");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> ctx.currentModelProperty().get() != null
                && ctx.currentModelProperty().get().name().equals(WelcomeView.REVIEWS_MODEL));
        WaitForAsyncUtils.waitForFxEvents();
        GenerateView generate = robot.lookup((javafx.scene.Node n) -> n instanceof GenerateView).queryAs(GenerateView.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> generate.viewModel().outcomeProperty().get() != null
                && generate.viewModel().outcomeProperty().get().comparison().contains("sentiment"));
        String comparison = generate.viewModel().outcomeProperty().get().comparison();
        assertTrue(comparison.startsWith("Shared groups agree on the sentiment"), comparison);
    }
}

package ftx.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.app.AppContext;
import ftx.app.shell.MainWindow;
import ftx.app.testing.Pixels;
import ftx.app.shell.PulseMonitor;
import ftx.engine.EngineInfo;
import ftx.engine.analysis.BitDictionary;
import ftx.engine.analysis.ProbeReading;
import ftx.engine.analysis.ZProbe;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The "What Z decides" chart, headless: a run with the live probe fills it (curves, the latest
 * groups, the hover readout) while the FX pulse stays smooth; the 3x-chance marker sits at the
 * first probe where shared-Z pairs agree three times as often as chance.
 */
@ExtendWith(ApplicationExtension.class)
class ZDecidesUiTest {
    @TempDir
    static Path home;
    private TrainViewModel vm;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        AppContext ctx = new AppContext(home, home.resolve("no-samples"));
        vm = new TrainViewModel(ctx.runs());
        TrainViewModelTest.tiny(vm.settings());
        window = new MainWindow(ctx, vm, new EngineInfo("CPU (test)", "CPU", 1, 2, "auto", null, "cpu"));
        Scene scene = new Scene(window, 1280, 820);
        window.installShortcuts(scene, vm);
        window.show("Train");
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aRunWithTheProbeFillsTheChartAndTheGroupsWhileTheUiStaysSmooth(FxRobot robot) throws Exception {
        // the 1-bit preset's model, as a user trains it (a tiny model's thousands of steps per second
        // flood the headless renderer with or without the probe: p50 32 ms, unlike the real app)
        Preset.KAPPA_1.applyTo(vm.settings());
        vm.settings().batchSize = 8;
        vm.settings().steps = 3000;
        vm.settings().probeSeconds = 0.5;
        PulseMonitor pulses = new PulseMonitor();
        robot.interact(vm::start);
        try {
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.probes().size() >= 1);
            robot.interact(pulses::start); // from the first probe on: the code of both is compiled by then
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.probes().size() >= 3);
        } finally {
            robot.interact(vm::stop);
        }
        robot.interact(pulses::stop);
        double[] p = pulses.percentiles();
        assertTrue(p[1] <= 33, "FX pulse p95 " + p[1] + " ms (p50 " + p[0] + ", " + (long) p[2] + " frames) while training "
                + "and probing");
        ZDecidesPane pane = window.trainView().zDecidesPane();
        AtomicReference<String> groups = new AtomicReference<>();
        robot.interact(() -> groups.set(pane.groupsLabel().getText()));
        assertTrue(groups.get().startsWith("shared Z\n  "), groups.get());
        assertTrue(groups.get().contains("fresh Z\n  "), groups.get());
        assertTrue(Pixels.count(robot, pane.chart(), ZDecidesPane.fresh().color()) > 10, "the fresh-Z curve is drawn");
        AtomicReference<String> hover = new AtomicReference<>();
        robot.interact(() -> hover.set(pane.chart().hoverAt(pane.chart().getWidth() - 20)));
        assertNotNull(hover.get());
        assertTrue(hover.get().startsWith("step " + vm.probes().latest().step() + ": block start within +-1"), hover.get());
        robot.interact(() -> hover.set(pane.chart().hoverAt(2)));
        assertNull(hover.get(), "no readout off the plot");
    }

    @Test
    void theMarkerStandsAtTheFirstProbeWhereSharedReachesThreeTimesChance(FxRobot robot) {
        ProbeTrack track = new ProbeTrack();
        track.add(reading(100, 0.06, 0.05, 0.05));
        track.add(reading(200, 0.14, 0.05, 0.05)); // 2.8x
        track.add(reading(300, 0.40, 0.05, 0.05)); // 8x: the first at 3x
        track.add(reading(400, 0.10, 0.05, 0.05));
        assertEquals(300, track.decisiveStep());
        ZDecidesPane pane = window.trainView().zDecidesPane();
        robot.interact(() -> pane.show(track, true));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Pixels.count(robot, pane.chart(), ZDecidesPane.decides()) > 50, "the marker is drawn");
        ProbeTrack none = new ProbeTrack();
        none.add(reading(100, 0.12, 0.05, 0.05));
        assertEquals(-1, none.decisiveStep());
        robot.interact(() -> pane.show(none, true));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, Pixels.count(robot, pane.chart(), ZDecidesPane.decides()), "no marker below 3x chance");
    }

    private static ProbeReading reading(int step, double shared, double fresh, double chance) {
        BitDictionary.Report bits = new BitDictionary.Report(List.of("block starts next"), new double[][] {{0.02, 0.001}},
                new double[] {0.08}, 10, 64);
        return new ProbeReading(step, ZProbe.BLOCK_START, shared, fresh, chance, 0.5, 0.3, 0.3, 0.1, 0.1, 0.9, 0.3, 0.4,
                0.08, bits, List.of("A>_"), List.of("A>_"), 10);
    }
}

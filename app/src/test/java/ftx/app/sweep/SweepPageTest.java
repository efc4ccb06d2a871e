package ftx.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.app.common.FxTaskRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Point2D;
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
 * The Sweep page, headless: a grid started from the page runs on this computer and its rows fill
 * in; the phase diagram shows a dot per row and mode in every panel; a click on a dot shows the
 * row's samples and opens its checkpoint; the diagram exports as SVG and CSV.
 */
@ExtendWith(ApplicationExtension.class)
class SweepPageTest {
    @TempDir
    static Path tmp;
    private SweepViewModel vm;
    private SweepView view;
    private final AtomicReference<Path> opened = new AtomicReference<>();

    @Start
    void start(Stage stage) {
        vm = new SweepViewModel(FxTaskRunner.INSTANCE, tmp.resolve("sweeps"), null);
        view = new SweepView(vm, opened::set);
        stage.setScene(new Scene(view, 1300, 850));
        stage.show();
    }

    @Test
    void aGridRunsHereItsRowsFillInAndItsDotsOpenTheirRows(FxRobot robot) throws Exception {
        robot.interact(() -> {
            vm.kappas.set("1/8,1");
            vm.seeds.set("1,2");
            vm.steps.set("12");
            vm.dModel.set("16");
            vm.ffn.set("32");
            vm.batch.set("4");
            vm.latentBits.set("4");
            vm.extra.set("layers=2; heads=2");
            vm.groups.set("2");
        });
        assertEquals("6 rows", vm.rowCount.get(), "2 kappa x 2 seeds and a baseline per seed");
        robot.interact(() -> vm.extra.set("layer=2"));
        assertTrue(vm.rowCount.get().contains("unknown option --layer"), vm.rowCount.get());
        robot.interact(() -> vm.extra.set("layers=2; heads=2"));
        robot.interact(vm::estimate);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.estimate.get().startsWith("about"));
        assertTrue(vm.estimate.get().contains("ms/step") && vm.estimate.get().contains("measured"), vm.estimate.get());
        robot.clickOn(view.start);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !vm.running.get() && vm.rows().size() == 6
                && vm.rows().stream().allMatch(r -> r.state().equals(RowState.DONE)));
        WaitForAsyncUtils.waitForFxEvents();
        PhaseData data = view.diagram.data();
        assertEquals(6, data.points().size());
        assertEquals(2, data.baseline().size());
        List<PhasePainter.Hit> hits = view.diagram.hits();
        long measured = data.points().stream().filter(p -> !p.baseline()).flatMapToDouble(p -> java.util.stream.DoubleStream.of(
                p.position().shared(), p.position().fresh(), p.noise().shared(), p.noise().fresh(), p.wellFormed().shared(),
                p.wellFormed().fresh())).filter(v -> !Double.isNaN(v)).count();
        assertTrue(measured >= 8, "the well-formed fractions at least: " + measured);
        assertEquals(measured, hits.size(), "a dot for every number measured on the 4 rows with Z, shared and fresh, in the"
                + " three panels (the baseline is a band)");
        PhasePainter.Hit dot = hits.get(0);
        Point2D screen = view.diagram.localToScreen(dot.x(), dot.y());
        robot.clickOn(screen);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(view.samples.getText().startsWith(dot.point().row()), view.samples.getText());
        assertTrue(view.samples.getText().contains("shared Z, group 1:"), view.samples.getText());
        assertEquals("Open " + dot.point().row() + " in Generate", view.openRow.getText());
        robot.interact(() -> view.openRow.fire());
        assertEquals(Path.of(vm.folder.get()).resolve(dot.point().row()), opened.get());
        String svg = view.diagram.svg();
        assertTrue(svg.startsWith("<svg") && svg.endsWith("</svg>\n"), svg.substring(0, 80));
        assertEquals(hits.size(), svg.split("<circle").length - 1 - 2, "every dot, and the legend's two");
        assertEquals(7, data.csv().lines().count(), "a header and a line per row");
        assertFalse(view.start.isDisabled());
        robot.interact(() -> vm.open(Path.of(vm.folder.get()))); // as a sweep opened from disk
        assertEquals(6, vm.rows().size());
        assertEquals("12 / 12", vm.rows().get(0).progress(), "an opened sweep's rows show their steps");
        assertEquals("12", vm.steps.get(), "and its grid fills the fields");
    }
}

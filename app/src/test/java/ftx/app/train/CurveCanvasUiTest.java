package ftx.app.train;

import ftx.app.common.SeriesStyle;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.app.common.CurveCanvas;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A 20,000-step curve redraws within a frame: the chart decimates per pixel column. */
@ExtendWith(ApplicationExtension.class)
class CurveCanvasUiTest {
    private final CurveCanvas chart = new CurveCanvas("test", "step");

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(chart), 900, 300));
        stage.show();
    }

    @Test
    void longRunsRedrawWithinAFrame(FxRobot robot) {
        int n = 20_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
            y[i] = 3.3 * Math.exp(-i / 2000.0) + 0.29 + 0.05 * Math.sin(i);
        }
        AtomicLong best = new AtomicLong(Long.MAX_VALUE);
        for (int rep = 0; rep < 5; rep++) {
            robot.interact(() -> {
                long t0 = System.nanoTime();
                chart.setData(List.of(new CurveCanvas.Series("CE", SeriesStyle.plain(Color.BLUE), x, y, n),
                        new CurveCanvas.Series("KL", SeriesStyle.plain(Color.RED), x, y, n)), List.of(new CurveCanvas.Reference("kappa", Color.RED, 0.1)));
                best.set(Math.min(best.get(), System.nanoTime() - t0));
            });
        }
        assertTrue(best.get() < 16_000_000L, "redraw of 2 x 20,000 points took " + best.get() / 1e6 + " ms");
    }

    @Test
    void theSvgExportDrawsWhatTheCanvasDraws(FxRobot robot) throws Exception {
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {3, 2, 1.5, 1.2, 1.1};
        robot.interact(() -> chart.setData(List.of(
                new CurveCanvas.Series("CE", SeriesStyle.series(0, false), x, y, 5),
                new CurveCanvas.Series("KL per token", SeriesStyle.series(1, false), x, y, 5)),
                List.of(new CurveCanvas.Reference("kappa", Color.RED, 0.1))));
        java.util.concurrent.atomic.AtomicReference<String> svg = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> svg.set(chart.svg()));
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new org.xml.sax.InputSource(new java.io.StringReader(svg.get()))); // well-formed XML
        assertTrue(svg.get().contains("stroke=\"rgb(0,68,136)\""), "the CE line in its colour (#004488)");
        assertTrue(svg.get().contains("stroke=\"rgb(213,94,0)\"") && svg.get().contains("stroke-dasharray=\"8.0 4.0\""),
                "the KL line in its colour and dashes");
        assertTrue(svg.get().contains(">CE</text>") && svg.get().contains(">KL per token</text>"), "the legend");
        assertTrue(svg.get().contains("<circle"), "CE's markers: circles");
        assertTrue(svg.get().split("<rect", -1).length - 1 >= 2, "KL's markers: squares, besides the background");
    }
}

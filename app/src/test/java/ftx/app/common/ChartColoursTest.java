package ftx.app.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.app.testing.ColourVision;
import ftx.app.testing.ColourVision.Deficiency;
import ftx.app.testing.Pixels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The charts' colours under simulated deuteranopia, protanopia and tritanopia (Machado et al. 2009),
 * in the light and the dark theme. Every chart draws its series from {@link SeriesStyle} (at most its
 * four series and the neutral one together: the loss chart, the probe, the phase diagram, the
 * next-symbol bars, the comparison of two runs), so the smallest CIEDE2000 between any two of those
 * five, under any simulation, bounds every chart; it must be at least 20, and every series also
 * has its own line style and marker. A chart with all five is drawn, and each colour is found in its
 * pixels. Heatmap ramps must keep their order of lightness under every simulation.
 */
@ExtendWith(ApplicationExtension.class)
class ChartColoursTest {
    private final CurveCanvas chart = new CurveCanvas("five series", "step");

    @Start
    void start(Stage stage) {
        StackPane root = new StackPane(chart);
        stage.setScene(new Scene(root, 700, 320));
        stage.show();
    }

    @Test
    void anyTwoSeriesShownTogetherStayAtLeast20ApartUnderEveryDeficiencyAndDifferInStyle(FxRobot robot) {
        double smallest = Double.MAX_VALUE;
        String where = "";
        for (boolean dark : new boolean[] {false, true}) {
            List<SeriesStyle> styles = styles(dark);
            for (Deficiency d : Deficiency.values()) {
                for (int i = 0; i < styles.size(); i++) {
                    for (int j = i + 1; j < styles.size(); j++) {
                        double e = ColourVision.difference(styles.get(i).color(), styles.get(j).color(), d);
                        if (e < smallest) {
                            smallest = e;
                            where = (dark ? "dark" : "light") + ", " + d + ", series " + i + " and " + j;
                        }
                        assertFalse(Arrays.equals(styles.get(i).dashes(), styles.get(j).dashes())
                                && styles.get(i).marker() == styles.get(j).marker(), "a line style or marker tells "
                                + i + " from " + j);
                    }
                    Color bg = dark ? Color.web("#23262d") : Color.web("#fbfbfd");
                    double fromBackground = ColourVision.difference(styles.get(i).color(), bg, d);
                    assertTrue(fromBackground >= 25, "series " + i + " stands out of the " + (dark ? "dark" : "light")
                            + " background under " + d + ": " + fromBackground);
                }
            }
        }
        System.out.printf(Locale.ROOT, "ChartColoursTest: smallest CIEDE2000 between two series shown together: %.1f (%s)%n",
                smallest, where);
        assertTrue(smallest >= 20, "smallest difference " + smallest + " at " + where);
    }

    @Test
    void aChartDrawsEachSeriesInItsColourInBothThemes(FxRobot robot) {
        for (boolean dark : new boolean[] {false, true}) {
            robot.interact(() -> {
                Palette.setDark(dark);
                double[] x = new double[200];
                List<CurveCanvas.Series> s = new ArrayList<>();
                List<SeriesStyle> styles = styles(dark);
                for (int k = 0; k < styles.size(); k++) {
                    double[] y = new double[200];
                    for (int i = 0; i < 200; i++) {
                        x[i] = i;
                        y[i] = 1 + k + 0.3 * Math.sin(i / 10.0);
                    }
                    s.add(new CurveCanvas.Series("s" + k, styles.get(k), x, y, 200));
                }
                chart.setData(s, List.of());
            });
            for (SeriesStyle st : styles(dark)) {
                assertTrue(Pixels.count(robot, chart, st.color()) > 30, st.color() + " drawn in the "
                        + (dark ? "dark" : "light") + " theme");
            }
        }
        robot.interact(() -> Palette.setDark(false));
    }

    @Test
    void heatmapRampsKeepTheirOrderUnderEveryDeficiency() {
        List<DoubleFunction<Color>> ramps = List.of(ColorScale::viridis, ColorScale::heat, ColorScale::bitCell,
                ColorScale::share);
        List<String> names = List.of("viridis (attention)", "KL heat (Train)", "bit probability (Inspect)",
                "bit dictionary (Inspect)");
        for (int r = 0; r < ramps.size(); r++) {
            for (Deficiency d : Deficiency.values()) {
                double previous = Double.NaN;
                for (int i = 0; i <= 10; i++) {
                    double l = ColourVision.lightness(ramps.get(r).apply(i / 10.0), d);
                    if (!Double.isNaN(previous)) {
                        boolean rising = ColourVision.lightness(ramps.get(r).apply(1), d)
                                > ColourVision.lightness(ramps.get(r).apply(0), d);
                        assertTrue(rising ? l > previous : l < previous, names.get(r) + " under " + d
                                + ": lightness keeps its order at " + i / 10.0);
                    }
                    previous = l;
                }
                double ends = ColourVision.difference(ramps.get(r).apply(0), ramps.get(r).apply(1), d);
                assertTrue(ends >= 40, names.get(r) + " under " + d + ": its ends differ by " + ends);
            }
        }
        for (Deficiency d : Deficiency.values()) { // the diverging map: its two ends stay apart, each side ordered
            double ends = ColourVision.difference(ColorScale.diverging(-1), ColorScale.diverging(1), d);
            assertTrue(ends >= 20, "diverging ends under " + d + ": " + ends);
        }
    }

    private static List<SeriesStyle> styles(boolean dark) {
        List<SeriesStyle> s = new ArrayList<>();
        for (int i = 0; i < SeriesStyle.COUNT; i++) {
            s.add(SeriesStyle.series(i, dark));
        }
        s.add(SeriesStyle.neutral(dark));
        return s;
    }
}

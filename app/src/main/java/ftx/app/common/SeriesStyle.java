package ftx.app.common;

import javafx.scene.paint.Color;

/**
 * How a chart tells its series apart: a colour from a palette chosen so that any two series stay
 * at least 20 apart (CIEDE2000) under simulated deuteranopia, protanopia and tritanopia, in the
 * light and in the dark theme (ChartColoursTest measures it), and, since colour alone is not
 * enough, a line style and a marker shape per series.
 *
 * @param color  the line's colour
 * @param dashes the line's dash pattern (empty = solid)
 * @param marker the shape drawn along the line and in the legend
 */
public record SeriesStyle(Color color, double[] dashes, Marker marker) {
    /** Marker shapes. */
    public enum Marker { NONE, CIRCLE, SQUARE, TRIANGLE, DIAMOND }

    /** Light theme: dark blue, vermillion, black, light blue; the neutral grey (Okabe-Ito and Tol colours). */
    private static final Color[] LIGHT = {Color.web("#004488"), Color.web("#D55E00"), Color.web("#000000"),
        Color.web("#6699CC")};
    private static final Color LIGHT_NEUTRAL = Color.web("#777777");
    /** Dark theme: sky blue, orange, near white, green; the neutral grey. */
    private static final Color[] DARK = {Color.web("#56B4E9"), Color.web("#E69F00"), Color.web("#EEEEEE"),
        Color.web("#117733")};
    private static final Color DARK_NEUTRAL = Color.web("#888888");
    private static final double[][] DASHES = {{}, {8, 4}, {2, 3}, {9, 3, 2, 3}};
    private static final Marker[] MARKERS = {Marker.CIRCLE, Marker.SQUARE, Marker.TRIANGLE, Marker.DIAMOND};

    /** The number of distinct series a chart may show besides the neutral one. */
    public static final int COUNT = 4;

    /** The i-th series' style in the current theme (i modulo {@link #COUNT}). */
    public static SeriesStyle series(int i) {
        return series(i, Palette.isDark());
    }

    public static SeriesStyle series(int i, boolean dark) {
        int k = Math.floorMod(i, COUNT);
        return new SeriesStyle((dark ? DARK : LIGHT)[k], DASHES[k], MARKERS[k]);
    }

    /** The neutral series (chance, the total loss): grey, long dashes, no marker. */
    public static SeriesStyle neutral() {
        return neutral(Palette.isDark());
    }

    public static SeriesStyle neutral(boolean dark) {
        return new SeriesStyle(dark ? DARK_NEUTRAL : LIGHT_NEUTRAL, new double[] {12, 4}, Marker.NONE);
    }

    /** Points only, no line: raw readings under their smoothed line (dashes null = no line). */
    public SeriesStyle dotsOnly() {
        return new SeriesStyle(color, null, marker == Marker.NONE ? Marker.CIRCLE : marker);
    }

    /** True when the series is drawn as points only. */
    public boolean hasLine() {
        return dashes != null;
    }

    /** A solid line without marker in a given colour (a chart with one series). */
    public static SeriesStyle plain(Color c) {
        return new SeriesStyle(c, new double[0], Marker.NONE);
    }

    /** The line's dash pattern for a Pen (empty = solid). */
    public double[] dashPattern() {
        return dashes == null ? new double[0] : dashes;
    }

    /** Draws the marker centred at (x, y), size pixels across, on a Pen (the canvas or an SVG). */
    public void drawMarker(Pen pen, double x, double y, double size) {
        double h = size / 2;
        switch (marker) {
            case CIRCLE -> pen.dot(x, y, h, color, true);
            case SQUARE -> pen.rect(x - h, y - h, size, size, color);
            case TRIANGLE -> pen.polygon(new double[] {x - h, x + h, x}, new double[] {y + h, y + h, y - h}, 3, color);
            case DIAMOND -> pen.polygon(new double[] {x - h, x, x + h, x}, new double[] {y, y - h, y, y + h}, 4, color);
            default -> {
            }
        }
    }
}

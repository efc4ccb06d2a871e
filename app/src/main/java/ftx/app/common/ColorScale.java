package ftx.app.common;

import javafx.scene.paint.Color;

/**
 * Colour maps for heatmaps: viridis (perceptually uniform, readable with every common colour
 * vision deficiency) for weights in 0..1, and a blue-white-orange diverging map for signed values.
 */
public final class ColorScale {
    /** Viridis at 0, 1/8, ..., 1 (from its published table). */
    private static final double[][] VIRIDIS = {{0.267, 0.005, 0.329}, {0.283, 0.141, 0.458}, {0.254, 0.265, 0.530},
        {0.207, 0.372, 0.553}, {0.164, 0.471, 0.558}, {0.128, 0.567, 0.551}, {0.135, 0.659, 0.518},
        {0.267, 0.749, 0.441}, {0.478, 0.821, 0.318}, {0.741, 0.873, 0.150}, {0.993, 0.906, 0.144}};

    private ColorScale() {
    }

    /** Viridis at v in 0..1 (clamped). */
    public static Color viridis(double v) {
        double x = Math.max(0, Math.min(1, Double.isNaN(v) ? 0 : v)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) x);
        double f = x - i;
        double[] a = VIRIDIS[i];
        double[] b = VIRIDIS[i + 1];
        return Color.color(a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2]));
    }

    /** Diverging at v in -1..1 (clamped): blue below 0, the background at 0, orange above. */
    public static Color diverging(double v) {
        double x = Math.max(-1, Math.min(1, Double.isNaN(v) ? 0 : v));
        Color mid = Palette.background();
        Color end = x < 0 ? Color.web("#2166ac") : Color.web("#d95f02");
        return mid.interpolate(end, Math.abs(x));
    }

    /** The KL heat ramp at v in 0..1: white to dark red, darker = more nats. */
    public static Color heat(double v) {
        double x = clamp(v);
        return Color.color(1 - 0.45 * x, 1 - 0.95 * x, 1 - 0.95 * x);
    }

    /** A bit's probability p in 0..1: white to blue. */
    public static Color bitCell(double p) {
        double x = clamp(p);
        return Color.color(1 - 0.85 * x, 1 - 0.6 * x, 1 - 0.1 * x);
    }

    /** A share in 0..1: pale to deep blue, on a square-root scale so that small shares still show. */
    public static Color share(double s) {
        return Color.web("#f0f3f8").interpolate(Color.web("#1f4fbf"), Math.sqrt(clamp(s)));
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, Double.isNaN(v) ? 0 : v));
    }
}

package ftx.app.common;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * A line chart drawn on one canvas: no node per point, and each series is decimated to one
 * min/max pair per pixel column, so a 10,000-step run redraws as fast as a 100-step one.
 * Optional horizontal reference lines (e.g. kappa), vertical markers (an event at a step), a
 * legend, a log-free linear y axis, and a hover readout whose text the owner supplies.
 */
public final class CurveCanvas extends CanvasPane {
    /** A series: x and y arrays of which the first n points are used, drawn in its style. */
    public record Series(String label, SeriesStyle style, double[] x, double[] y, int n) {
        public Color color() {
            return style.color();
        }
    }

    /** A shaded band between lo and hi (an uncertainty), in a series' colour, drawn under the lines. */
    public record Band(Color color, double[] x, double[] lo, double[] hi, int n) {
    }

    /** A dashed horizontal line at y with a label. */
    public record Reference(String label, Color color, double y) {
    }

    /** A vertical line at x with a label (an event, e.g. the step where something first happened). */
    public record Marker(String label, Color color, double x) {
    }

    private final String title;
    private final String xLabel;
    private String emptyText = "no data yet: start a run";
    private List<Series> series = List.of();
    private List<Reference> references = List.of();
    private List<Marker> markers = List.of();
    private List<Band> bands = List.of();
    private java.util.function.DoubleFunction<String> hoverText;
    private double mouseX = Double.NaN;
    private double mouseY;
    /** The x axis of the last drawing: pixel left, width, and the values at its ends. */
    private double plotLeft;
    private double plotWidth;
    private double plotXMin;
    private double plotXMax = Double.NaN;
    private double xOrigin = Double.NaN;

    private double recentFrom;

    public CurveCanvas(String title, String xLabel) {
        this.title = title;
        this.xLabel = xLabel;
        getStyleClass().add("curve-canvas");
        setMinSize(200, 120);
    }


    /** Starts the x axis at x (e.g. step 0) instead of the first point; NaN: at the first point. */
    public void setXOrigin(double x) {
        this.xOrigin = x;
    }

    /** What the empty chart says. */
    /**
     * Fits the y axis to the most recent part of the curves: points with x in the last (1 - from)
     * of the x range set its top (when they reach past the first tenth of the steps), so a large
     * first loss does not flatten the rest; earlier points above it are cut at the top. 0 = all.
     */
    public void setRecentRange(double from) {
        recentFrom = from;
        redraw();
    }

    public void setEmptyText(String text) {
        this.emptyText = text;
        redraw();
    }

    public void setData(List<Series> s, List<Reference> r) {
        setData(s, r, List.of());
    }

    /** Series, reference lines, event markers and shaded bands. */
    public void setData(List<Series> s, List<Reference> r, List<Marker> m, List<Band> b) {
        this.bands = new ArrayList<>(b);
        setData(s, r, m);
    }

    public void setData(List<Series> s, List<Reference> r, List<Marker> m) {
        this.series = new ArrayList<>(s);
        this.references = new ArrayList<>(r);
        this.markers = new ArrayList<>(m);
        redraw();
    }

    /** Shows text(x) by the pointer while it is over the plot (x in data units); null: no readout. */
    public void setHoverText(java.util.function.DoubleFunction<String> text) {
        this.hoverText = text;
        if (text != null) {
            setOnMouseMoved(e -> {
                mouseX = e.getX();
                mouseY = e.getY();
                redraw();
            });
            setOnMouseExited(e -> {
                mouseX = Double.NaN;
                redraw();
            });
        }
    }

    /** The readout's text at the pointer, or null when it is off the plot (for tests). */
    public String hoverAt(double pixelX) {
        if (hoverText == null || Double.isNaN(plotXMax) || pixelX < plotLeft || pixelX > plotLeft + plotWidth) {
            return null;
        }
        return hoverText.apply(plotXMin + (pixelX - plotLeft) / plotWidth * (plotXMax - plotXMin));
    }

    @Override
    public void redraw() {
        GraphicsContext g = clear();
        double[] plot = paint(new CanvasPen(g), getWidth(), getHeight());
        if (plot != null) {
            readout(g, plot[0], plot[1]);
        }
    }

    /** The chart as an SVG document of its size (the hover readout is not part of it). */
    public String svg() {
        SvgPen pen = new SvgPen(Math.max(1, getWidth()), Math.max(1, getHeight()), Palette.background());
        paint(pen, getWidth(), getHeight());
        return pen.finish();
    }

    /** Draws everything but the readout; returns the plot's top and height, or null when there is no plot. */
    private double[] paint(Pen pen, double w, double h) {
        double left = 52;
        double right = 12;
        double top = 24;
        double bottom = 26;
        double pw = w - left - right;
        double ph = h - top - bottom;
        pen.text(left, 16, title, Palette.text(), 12, 0);
        if (pw < 20 || ph < 20) {
            return null;
        }
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.n(); i++) {
                if (Double.isFinite(s.y()[i])) {
                    xMin = Math.min(xMin, s.x()[i]);
                    xMax = Math.max(xMax, s.x()[i]);
                    yMin = Math.min(yMin, s.y()[i]);
                    yMax = Math.max(yMax, s.y()[i]);
                }
            }
        }
        boolean recent = false;
        if (recentFrom > 0 && Double.isFinite(xMin) && xMax > xMin) {
            double cut = xMin + recentFrom * (xMax - xMin);
            double top2 = Double.NEGATIVE_INFINITY;
            for (Series s : series) {
                for (int i = 0; i < s.n(); i++) {
                    if (Double.isFinite(s.y()[i]) && s.x()[i] >= cut) {
                        top2 = Math.max(top2, s.y()[i]);
                    }
                }
            }
            if (Double.isFinite(top2) && top2 < yMax) {
                yMax = top2;
                recent = true;
            }
        }
        for (Reference r : references) {
            yMin = Math.min(yMin, r.y());
            yMax = Math.max(yMax, r.y());
        }
        frame(pen, left, top, pw, ph, Palette.frame());
        if (!Double.isFinite(xMin)) {
            plotXMax = Double.NaN;
            pen.text(left + 10, top + ph / 2, emptyText, Palette.faint(), 12, 0);
            return null;
        }
        if (!Double.isNaN(xOrigin)) {
            xMin = Math.min(xMin, xOrigin);
        }
        yMin = Math.min(0, yMin);
        if (yMax - yMin < 1e-9) {
            yMax = yMin + 1;
        }
        yMax += (yMax - yMin) * 0.05;
        if (xMax - xMin < 1e-9) {
            xMax = xMin + 1;
        }
        axes(pen, left, top, pw, ph, xMin, xMax, yMin, yMax);
        for (Reference r : references) {
            double y = top + ph - (r.y() - yMin) / (yMax - yMin) * ph;
            pen.polyline(new double[] {left, left + pw}, new double[] {y, y}, 2, r.color(), 1, new double[] {6, 4});
            pen.text(left + pw - 8 - r.label().length() * 6.2, y - 4, r.label(), r.color(), 12, 0);
        }
        for (Band b : bands) {
            drawBand(pen, b, left, top, pw, ph, xMin, xMax, yMin, yMax);
        }
        for (Series s : series) { // points above a recent range are drawn at the top edge
            drawDecimated(pen, s, left, top, pw, ph, xMin, xMax, yMin, yMax);
        }
        if (recent) {
            String note = "y fits the last " + Math.round((1 - recentFrom) * 100) + "% of steps";
            pen.text(left + pw - 6 - note.length() * 5.2, 16, note, Palette.muted(), 10, 0); // on the title's line
        }
        for (Marker m : markers) {
            double x = left + (m.x() - xMin) / (xMax - xMin) * pw;
            pen.line(x, top, x, top + ph, m.color(), 2, false);
            pen.text(Math.max(left + 4, Math.min(x + 4, left + pw - m.label().length() * 6.2)), top + ph - 6, m.label(),
                    m.color(), 12, 0);
        }
        legend(pen, left + 8, top + 14);
        plotLeft = left;
        plotWidth = pw;
        plotXMin = xMin;
        plotXMax = xMax;
        return new double[] {top, ph};
    }

    private static void frame(Pen pen, double x, double y, double w, double h, Color c) {
        pen.polyline(new double[] {x, x + w, x + w, x, x}, new double[] {y, y, y + h, y + h, y}, 5, c, 1, new double[0]);
    }



    private void readout(GraphicsContext g, double top, double ph) {
        String text = Double.isNaN(mouseX) ? null : hoverAt(mouseX);
        if (text == null) {
            return;
        }
        g.setStroke(Palette.muted());
        g.strokeLine(mouseX, top, mouseX, top + ph);
        String[] lines = text.split("\n");
        double w = 12 + 6.4 * java.util.Arrays.stream(lines).mapToInt(String::length).max().orElse(0);
        double h = 6 + 14 * lines.length;
        double x = mouseX + 10 + w > getWidth() ? mouseX - 10 - w : mouseX + 10;
        double y = Math.max(top, Math.min(mouseY - h / 2, top + ph - h));
        g.setFill(Palette.hover());
        g.fillRect(x, y, w, h);
        g.setStroke(Palette.frame());
        g.strokeRect(x, y, w, h);
        g.setFill(Palette.text());
        g.setFont(Font.font(11));
        for (int i = 0; i < lines.length; i++) {
            g.fillText(lines[i], x + 6, y + 15 + 14 * i);
        }
    }

    /** A y-axis label a newcomer reads at a glance: 3 significant digits, thousands as "13.5k" (not 1.35e+04). */
    static String tickLabel(double v) {
        if (Math.abs(v) >= 1e6) {
            return trim(String.format("%.3g", v / 1e6)) + "M";
        }
        if (Math.abs(v) >= 1e3) {
            return trim(String.format("%.3g", v / 1e3)) + "k";
        }
        return String.format("%.3g", v);
    }

    private static String trim(String s) {
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private void axes(Pen pen, double left, double top, double pw, double ph, double xMin, double xMax,
                      double yMin, double yMax) {
        int ticks = (int) Math.max(1, Math.min(4, ph / 24)); // labels 10 px high never touch
        for (int i = 0; i <= ticks; i++) {
            double v = yMin + (yMax - yMin) * i / ticks;
            double y = top + ph - ph * i / ticks;
            pen.text(4, y + 3, tickLabel(v), Palette.muted(), 10, 0);
            pen.line(left + 1, y, left + pw - 1, y, Palette.grid(), 1, false);
        }
        for (int i = 0; i <= 4; i++) {
            double v = xMin + (xMax - xMin) * i / 4;
            pen.text(left + pw * i / 4 - 8, top + ph + 14, String.format("%.0f", v), Palette.muted(), 10, 0);
        }
        pen.text(left + pw / 2 - 10, top + ph + 24, xLabel, Palette.muted(), 10, 0);
    }

    private static void drawBand(Pen pen, Band b, double left, double top, double pw, double ph, double xMin,
                                 double xMax, double yMin, double yMax) {
        if (b.n() < 2) {
            return;
        }
        double[] xs = new double[2 * b.n()];
        double[] ys = new double[2 * b.n()];
        for (int i = 0; i < b.n(); i++) {
            double x = left + (b.x()[i] - xMin) / (xMax - xMin) * pw;
            xs[i] = x;
            ys[i] = Math.max(top, top + ph - (b.hi()[i] - yMin) / (yMax - yMin) * ph);
            xs[2 * b.n() - 1 - i] = x;
            ys[2 * b.n() - 1 - i] = Math.min(top + ph, top + ph - (b.lo()[i] - yMin) / (yMax - yMin) * ph);
        }
        pen.polygon(xs, ys, xs.length, Color.color(b.color().getRed(), b.color().getGreen(), b.color().getBlue(), 0.18));
    }

    private static void drawDecimated(Pen pen, Series s, double left, double top, double pw, double ph,
                                      double xMin, double xMax, double yMin, double yMax) {
        int cols = (int) Math.max(1, pw);
        double[] lo = new double[cols];
        double[] hi = new double[cols];
        boolean[] has = new boolean[cols];
        for (int i = 0; i < s.n(); i++) {
            double y = s.y()[i];
            if (!Double.isFinite(y)) {
                continue;
            }
            int c = (int) Math.min(cols - 1, Math.max(0, (s.x()[i] - xMin) / (xMax - xMin) * (cols - 1)));
            if (!has[c]) {
                lo[c] = y;
                hi[c] = y;
                has[c] = true;
            } else {
                lo[c] = Math.min(lo[c], y);
                hi[c] = Math.max(hi[c], y);
            }
        }
        double[] xs = new double[2 * cols];
        double[] ys = new double[2 * cols];
        int n = 0;
        int every = s.style().hasLine() ? Math.max(1, cols / 12) : 1; // a dozen markers along a line; points: all
        List<double[]> marks = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            if (!has[c]) {
                continue;
            }
            double x = left + c;
            double y1 = Math.max(top, top + ph - (lo[c] - yMin) / (yMax - yMin) * ph);
            double y2 = Math.max(top, top + ph - (hi[c] - yMin) / (yMax - yMin) * ph);
            xs[n] = x; // one min/max pair per pixel column
            ys[n++] = y1;
            xs[n] = x;
            ys[n++] = y2;
            if (c % every == every / 2) {
                marks.add(new double[] {x, (y1 + y2) / 2});
            }
        }
        if (s.style().hasLine() && n > 0) {
            pen.polyline(xs, ys, n, s.color(), 1.5, s.style().dashPattern());
        }
        for (double[] m : marks) {
            s.style().drawMarker(pen, m[0], m[1], s.style().hasLine() ? 6 : 4);
        }
    }

    private void legend(Pen pen, double x, double y) {
        for (Series s : series) {
            if (s.label().isEmpty()) {
                continue; // a second series of points: the first one's legend entry says it
            }
            if (s.style().hasLine()) {
                pen.polyline(new double[] {x, x + 22}, new double[] {y - 7, y - 7}, 2, s.color(), 2, s.style().dashPattern());
            }
            s.style().drawMarker(pen, x + 11, y - 7, 6);
            pen.text(x + 26, y - 4, s.label(), Palette.text(), 11, 0);
            x += 34 + s.label().length() * 6.5;
        }
    }
}

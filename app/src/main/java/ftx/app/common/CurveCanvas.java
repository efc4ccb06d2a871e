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
        double w = getWidth();
        double h = getHeight();
        GraphicsContext g = clear();
        double left = 52;
        double right = 12;
        double top = 24;
        double bottom = 26;
        double pw = w - left - right;
        double ph = h - top - bottom;
        g.setFont(Font.font(12));
        g.setFill(Palette.text());
        g.fillText(title, left, 16);
        if (pw < 20 || ph < 20) {
            return;
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
        g.setStroke(Palette.frame());
        g.strokeRect(left, top, pw, ph);
        if (!Double.isFinite(xMin)) {
            plotXMax = Double.NaN;
            g.setFill(Palette.faint());
            g.fillText(emptyText, left + 10, top + ph / 2);
            return;
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
        axes(g, left, top, pw, ph, xMin, xMax, yMin, yMax);
        for (Reference r : references) {
            double y = top + ph - (r.y() - yMin) / (yMax - yMin) * ph;
            g.setStroke(r.color());
            g.setLineDashes(6, 4);
            g.strokeLine(left, y, left + pw, y);
            g.setLineDashes();
            g.setFill(r.color());
            g.fillText(r.label(), left + pw - 8 - r.label().length() * 6.2, y - 4);
        }
        for (Band b : bands) {
            drawBand(g, b, left, top, pw, ph, xMin, xMax, yMin, yMax);
        }
        for (Series s : series) { // points above a recent range are drawn at the top edge
            drawDecimated(g, s, left, top, pw, ph, xMin, xMax, yMin, yMax);
        }
        if (recent) {
            g.setFill(Palette.muted());
            g.setFont(Font.font(10));
            String note = "y fits the last " + Math.round((1 - recentFrom) * 100) + "% of steps";
            g.fillText(note, left + pw - 6 - note.length() * 5.2, 16); // on the title's line, clear of the plot's labels
            g.setFont(Font.font(12));
        }
        for (Marker m : markers) {
            double x = left + (m.x() - xMin) / (xMax - xMin) * pw;
            g.setStroke(m.color());
            g.setLineWidth(2);
            g.strokeLine(x, top, x, top + ph);
            g.setLineWidth(1);
            g.setFill(m.color());
            g.fillText(m.label(), Math.max(left + 4, Math.min(x + 4, left + pw - m.label().length() * 6.2)), top + ph - 6);
        }
        legend(g, left + 8, top + 14);
        plotLeft = left;
        plotWidth = pw;
        plotXMin = xMin;
        plotXMax = xMax;
        readout(g, top, ph);
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

    private void axes(GraphicsContext g, double left, double top, double pw, double ph, double xMin, double xMax,
                      double yMin, double yMax) {
        g.setFill(Palette.muted());
        g.setFont(Font.font(10));
        int ticks = (int) Math.max(1, Math.min(4, ph / 24)); // labels 10 px high never touch
        for (int i = 0; i <= ticks; i++) {
            double v = yMin + (yMax - yMin) * i / ticks;
            double y = top + ph - ph * i / ticks;
            g.fillText(tickLabel(v), 4, y + 3);
            g.setStroke(Palette.grid());
            g.strokeLine(left + 1, y, left + pw - 1, y);
        }
        for (int i = 0; i <= 4; i++) {
            double v = xMin + (xMax - xMin) * i / 4;
            g.fillText(String.format("%.0f", v), left + pw * i / 4 - 8, top + ph + 14);
        }
        g.fillText(xLabel, left + pw / 2 - 10, top + ph + 24);
    }

    private static void drawBand(GraphicsContext g, Band b, double left, double top, double pw, double ph, double xMin,
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
        g.setFill(Color.color(b.color().getRed(), b.color().getGreen(), b.color().getBlue(), 0.18));
        g.fillPolygon(xs, ys, xs.length);
    }

    private static void drawDecimated(GraphicsContext g, Series s, double left, double top, double pw, double ph,
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
        s.style().applyStroke(g);
        g.setLineWidth(1.5);
        g.beginPath();
        boolean started = false;
        int every = s.style().hasLine() ? Math.max(1, cols / 12) : 1; // a dozen markers along a line; points: all
        List<double[]> marks = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            if (!has[c]) {
                continue;
            }
            double x = left + c;
            double y1 = Math.max(top, top + ph - (lo[c] - yMin) / (yMax - yMin) * ph);
            double y2 = Math.max(top, top + ph - (hi[c] - yMin) / (yMax - yMin) * ph);
            if (!started) {
                g.moveTo(x, y1);
                started = true;
            } else {
                g.lineTo(x, y1);
            }
            g.lineTo(x, y2);
            if (c % every == every / 2) {
                marks.add(new double[] {x, (y1 + y2) / 2});
            }
        }
        if (s.style().hasLine()) {
            g.stroke();
        }
        g.setLineDashes();
        g.setLineWidth(1);
        for (double[] m : marks) {
            s.style().drawMarker(g, m[0], m[1], s.style().hasLine() ? 6 : 4);
        }
    }

    private void legend(GraphicsContext g, double x, double y) {
        g.setFont(Font.font(11));
        for (Series s : series) {
            if (s.label().isEmpty()) {
                continue; // a second series of points: the first one's legend entry says it
            }
            s.style().applyStroke(g);
            g.setLineWidth(2);
            if (s.style().hasLine()) {
                g.strokeLine(x, y - 7, x + 22, y - 7);
            }
            g.setLineDashes();
            g.setLineWidth(1);
            s.style().drawMarker(g, x + 11, y - 7, 6);
            g.setFill(Palette.text());
            g.fillText(s.label(), x + 26, y - 4);
            x += 34 + s.label().length() * 6.5;
        }
    }
}

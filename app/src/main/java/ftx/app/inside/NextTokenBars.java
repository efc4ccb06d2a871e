package ftx.app.inside;

import ftx.app.common.SeriesStyle;
import ftx.app.common.CanvasPane;
import ftx.app.common.Palette;
import ftx.engine.inside.InsidePosition;
import ftx.engine.task.Vocabulary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * The next-symbol distribution at t, side by side for the symbols that matter (the most probable
 * under any of the three): with Z as chosen (solid, blue), with Z_0..Z_t from the prior (grey,
 * hatched, its standard deviation as a whisker) and with the pinned code at t (orange or vermillion, outlined).
 * The symbol whose probability Z changes most is marked with the change.
 */
public final class NextTokenBars extends CanvasPane {
    /** Z as chosen: the chart palette's first colour (SeriesStyle); solid bars. */
    static Color chosen() {
        return SeriesStyle.series(0).color();
    }

    /** Z from the prior: the neutral grey; hatched bars. */
    static Color prior() {
        return SeriesStyle.neutral().color();
    }

    /** The pinned code: the palette's second colour; outlined bars. */
    static Color code() {
        return SeriesStyle.series(1).color();
    }
    private InsidePosition at;
    private Vocabulary vocabulary;

    public NextTokenBars() {
        setMinSize(300, 170);
        setPrefSize(520, 200);
    }

    public void show(InsidePosition p, Vocabulary v) {
        at = p;
        vocabulary = v;
        redraw();
    }

    /** The symbols shown: the most probable under each distribution, at most 8, most probable (as chosen) first. */
    static List<Integer> symbols(InsidePosition p) {
        List<double[]> all = new ArrayList<>(List.of(p.encoderZ()));
        if (p.priorMean() != null) {
            all.add(p.priorMean());
        }
        if (p.codeProbs() != null) {
            all.add(p.codeProbs());
        }
        List<Integer> out = new ArrayList<>();
        for (int rank = 0; rank < 5 && out.size() < 8; rank++) {
            for (double[] dist : all) {
                int r = rank;
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < dist.length; i++) {
                    order.add(i);
                }
                order.sort(Comparator.comparingDouble(i -> -dist[i]));
                int s = order.get(r);
                if (!out.contains(s) && dist[s] > 0.005 && out.size() < 8) {
                    out.add(s);
                }
            }
        }
        out.sort(Comparator.comparingDouble(i -> -p.encoderZ()[i]));
        return out;
    }

    @Override
    public void redraw() {
        GraphicsContext g = clear();
        if (at == null) {
            g.setFill(Palette.faint());
            g.fillText("The next-symbol probabilities at t show here.", 10, 20);
            return;
        }
        List<Integer> shown = symbols(at);
        double left = 40;
        double top = 34;
        double bottom = getHeight() - 22;
        double group = (getWidth() - left - 10) / Math.max(1, shown.size());
        int series = 1 + (at.priorMean() != null ? 1 : 0) + (at.codeProbs() != null ? 1 : 0);
        double bw = Math.min(26, group * 0.8 / series);
        g.setStroke(Palette.frame());
        g.strokeLine(left, bottom, getWidth() - 10, bottom);
        g.setFill(Palette.muted());
        for (double y : new double[] {0, 0.5, 1}) {
            double py = bottom - y * (bottom - top);
            g.fillText(String.format(Locale.ROOT, "%.1f", y), 10, py + 4);
            g.setStroke(Palette.grid());
            g.strokeLine(left, py, getWidth() - 10, py);
        }
        int marked = -1;
        double change = 0;
        for (int s : shown) {
            double other = at.codeProbs() != null ? at.codeProbs()[s] : at.priorMean() != null ? at.priorMean()[s] : at.encoderZ()[s];
            if (Math.abs(at.encoderZ()[s] - other) > Math.abs(change)) {
                change = other - at.encoderZ()[s];
                marked = s;
            }
        }
        for (int i = 0; i < shown.size(); i++) {
            int s = shown.get(i);
            double x = left + i * group + (group - bw * series) / 2;
            bar(g, x, bottom, top, at.encoderZ()[s], chosen(), false, bw);
            int k = 1;
            if (at.priorMean() != null) {
                double bx = x + bw * k++;
                bar(g, bx, bottom, top, at.priorMean()[s], prior(), true, bw);
                double hi = Math.min(1, at.priorMean()[s] + at.priorStd()[s]);
                double lo = Math.max(0, at.priorMean()[s] - at.priorStd()[s]);
                g.setStroke(Palette.text());
                g.strokeLine(bx + bw / 2, bottom - hi * (bottom - top), bx + bw / 2, bottom - lo * (bottom - top));
            }
            if (at.codeProbs() != null) {
                bar(g, x + bw * k, bottom, top, at.codeProbs()[s], code(), false, bw);
                g.setStroke(Palette.text());
                g.strokeRect(x + bw * k, bottom - at.codeProbs()[s] * (bottom - top), bw - 2, at.codeProbs()[s] * (bottom - top));
            }
            g.setFill(Palette.text());
            char c = vocabulary.symbol(s);
            g.fillText("'" + (c == ' ' ? "space" : String.valueOf(c)) + "'", left + i * group + group / 2 - 10, bottom + 15);
            if (s == marked && Math.abs(change) >= 0.05) {
                g.setFill(Color.web("#c0392b"));
                g.fillText(String.format(Locale.ROOT, "%+.2f", change), left + i * group + group / 2 - 14, top - 4);
            }
        }
        legend(g);
    }

    private static void bar(GraphicsContext g, double x, double bottom, double top, double p, Color c, boolean hatched,
                            double width) {
        double h = p * (bottom - top);
        double w = Math.max(3, width - 2);
        g.setFill(c);
        g.fillRect(x, bottom - h, w, h);
        if (hatched) {
            g.setStroke(Palette.background());
            for (double y = bottom - 4; y > bottom - h; y -= 5) {
                g.strokeLine(x, y, x + w, y - 3);
            }
        }
    }

    private void legend(GraphicsContext g) {
        double x = 40;
        x = key(g, x, chosen(), "Z as chosen");
        if (at.priorMean() != null) {
            x = key(g, x, prior(), "Z from the prior (mean, +-1 std: as in generation)");
        }
        if (at.codeProbs() != null) {
            key(g, x, code(), "code " + at.code() + (at.shared() ? " at 0..t" : " at t"));
        }
    }

    private double key(GraphicsContext g, double x, Color c, String label) {
        g.setFont(javafx.scene.text.Font.font(12));
        g.setFill(c);
        g.fillRect(x, 6, 12, 12);
        g.setFill(Palette.text());
        g.fillText(label, x + 16, 16);
        return x + 30 + ftx.app.common.CanvasPen.width(label, 12);
    }
}

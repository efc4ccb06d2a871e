package ftx.app.sweep;

import ftx.app.common.SeriesStyle;
import ftx.app.common.Pen;
import ftx.app.common.CanvasPen;
import ftx.engine.analysis.FigureReading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import javafx.scene.paint.Color;

/**
 * Lays out and draws the phase diagram on a {@link Pen}: x = kappa in bits (log scale), one panel
 * per thing Z may carry (the position, the noise) and one for whether generation still works
 * (well formed); one dot per seed (filled: shared Z, ring: fresh Z), the median over seeds as a
 * line per recipe, the chance level, the baseline's range as a band, the paper's four kappa
 * values marked, and above the panels what Z carries at each kappa in words.
 */
final class PhasePainter {
    private static final Color BAND = Color.web("#9a9a9a", 0.22);

    /** The c-th recipe's colour: the chart palette's (SeriesStyle), safe under colour-vision deficiencies. */
    static Color recipe(int c) {
        return SeriesStyle.series(c).color();
    }

    private static Color chance() {
        return SeriesStyle.neutral().color();
    }

    /** A dot where it was drawn, for hover and click. */
    record Hit(double x, double y, PhasePoint point, boolean shared) {
    }

    private record Panel(String title, String subtitle, ToDoubleFunction<PhasePoint> shared,
                         ToDoubleFunction<PhasePoint> fresh, boolean chance) {
    }

    private final List<Hit> hits = new ArrayList<>();

    List<Hit> hits() {
        return hits;
    }

    void paint(Pen pen, PhaseData data, double width, double height, Color text, Color muted, Color grid) {
        hits.clear();
        List<Panel> panels = new ArrayList<>();
        if (data.reviews()) {
            panels.add(new Panel("Z decides the sentiment?", "agreement of reviews within a group",
                    p -> p.position().shared(), p -> p.position().fresh(), true));
        } else {
            panels.add(new Panel("Z decides the block position?", "block starts within +-1 of the group's mode",
                    p -> p.position().shared(), p -> p.position().fresh(), true));
            panels.add(new Panel("Z decides the noise?", "overlap of the noise positions in a group",
                    p -> p.noise().shared(), p -> p.noise().fresh(), false));
        }
        panels.add(new Panel("Does generation still work?", "well-formed samples",
                p -> p.wellFormed().shared(), p -> p.wellFormed().fresh(), false));
        TreeSet<Double> kappas = new TreeSet<>();
        data.points().stream().filter(p -> !p.baseline()).forEach(p -> kappas.add(p.kappaBits()));
        for (double k : PhaseData.PAPER_KAPPAS) {
            kappas.add(k);
        }
        double lo = log2(kappas.first()) - 0.6;
        double hi = log2(kappas.last()) + 0.6;
        double top = 80;
        double bottom = height - 74;
        double gap = 28;
        double left0 = 46;
        double pw = (width - left0 - 16 - gap * (panels.size() - 1)) / panels.size();
        if (data.points().isEmpty()) {
            pen.text(width / 2, height / 2, "No finished rows yet: start a sweep, or open a sweep folder.", muted, 13, 0.5);
            return;
        }
        readings(pen, data, left0, text, muted);
        for (int i = 0; i < panels.size(); i++) {
            double left = left0 + i * (pw + gap);
            panel(pen, data, panels.get(i), kappas, lo, hi, left, top, pw, bottom - top, text, muted, grid);
        }
        legend(pen, data, left0, height - 30, text, muted);
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    /**
     * What Z carries as kappa grows, as one sentence over the first recipe: the reading of most
     * of its seeds at each kappa, runs of the same reading joined ("nothing (1/64-1/16) ->
     * position (1/8) -> ...").
     */
    private void readings(Pen pen, PhaseData data, double left0, Color text, Color muted) {
        List<PhasePoint> first = data.byRecipe().values().stream().findFirst().orElse(List.of());
        Map<Double, Map<String, Integer>> votes = new TreeMap<>();
        first.forEach(p -> votes.computeIfAbsent(p.kappaBits(), k -> new HashMap<>()).merge(shortReading(p.reading()), 1, Integer::sum));
        List<String[]> runs = new ArrayList<>(); // {word, first kappa, last kappa}
        votes.forEach((k, v) -> {
            String word = v.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
            String kappa = PhaseData.kappaText(k);
            if (!runs.isEmpty() && runs.get(runs.size() - 1)[0].equals(word)) {
                runs.get(runs.size() - 1)[2] = kappa;
            } else {
                runs.add(new String[] {word, kappa, kappa});
            }
        });
        pen.text(left0, 18, "What Z carries as kappa grows, in most seeds of " + data.byRecipe().keySet().stream()
                .findFirst().orElse("") + ":", muted, 12, 0);
        double x = left0;
        for (int i = 0; i < runs.size(); i++) {
            String[] r = runs.get(i);
            String word = (i > 0 ? "  ->  " : "") + r[0];
            String range = " (" + (r[1].equals(r[2]) ? r[1] : r[1] + " to " + r[2]) + (r[2].equals("1") ? " bit)" : " bits)");
            pen.text(x, 40, word, text, 14, 0);
            x += CanvasPen.width(word, 14);
            pen.text(x, 40, range, muted, 11, 0);
            x += CanvasPen.width(range, 11);
        }
    }

    static String shortReading(String reading) {
        return switch (reading) {
            case FigureReading.NOTHING -> "nothing";
            case FigureReading.POSITION -> "position";
            case FigureReading.NOISE -> "noise";
            case FigureReading.BOTH -> "position + noise";
            case FigureReading.BREAKS -> "broken";
            default -> reading.isEmpty() ? "" : "sentiment?";
        };
    }

    private void panel(Pen pen, PhaseData data, Panel panel, TreeSet<Double> kappas, double lo, double hi, double left,
                       double top, double pw, double ph, Color text, Color muted, Color grid) {
        pen.text(left, top - 22, panel.title(), text, 13, 0);
        pen.text(left, top - 8, panel.subtitle(), muted, 11, 0);
        for (int t = 0; t <= 4; t++) {
            double y = top + ph - t * ph / 4;
            pen.line(left, y, left + pw, y, grid, 1, false);
            if (t % 2 == 0) {
                pen.text(left - 4, y + 4, String.valueOf(t / 4.0).replace(".0", ""), muted, 10, 1);
            }
        }
        java.util.function.DoubleUnaryOperator xOf = k -> left + (log2(k) - lo) / (hi - lo) * pw;
        java.util.function.DoubleUnaryOperator yOf = v -> top + ph - Math.max(0, Math.min(1, v)) * ph;
        List<PhasePoint> base = data.baseline();
        double bMin = base.stream().mapToDouble(panel.fresh()).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
        double bMax = base.stream().mapToDouble(panel.fresh()).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
        if (!Double.isNaN(bMin)) {
            double y1 = yOf.applyAsDouble(bMax) - 2;
            pen.rect(left, y1, pw, yOf.applyAsDouble(bMin) + 2 - y1, BAND);
        }
        for (double k : PhaseData.PAPER_KAPPAS) {
            double x = xOf.applyAsDouble(k);
            pen.line(x, top, x, top + ph, grid.darker(), 1, true);
        }
        for (double k : kappas) {
            double x = xOf.applyAsDouble(k);
            pen.text(x, top + ph + 14, PhaseData.kappaText(k), muted, 10, 0.5);
        }
        pen.text(left + pw / 2, top + ph + 30, "kappa (bits per token, log scale)", muted, 10, 0.5);
        int c = 0;
        for (Map.Entry<String, List<PhasePoint>> e : data.byRecipe().entrySet()) {
            Color color = recipe(c++);
            List<PhasePoint> pts = e.getValue();
            if (panel.chance()) {
                polyline(pen, PhaseData.medians(pts, PhasePoint::chance), xOf, yOf, chance(), 1, true);
            }
            polyline(pen, PhaseData.medians(pts, panel.fresh()), xOf, yOf, color, 1.3, true); // fresh: dashed
            polyline(pen, PhaseData.medians(pts, panel.shared()), xOf, yOf, color, 2.2, false);
            for (PhasePoint p : pts) {
                double x = xOf.applyAsDouble(p.kappaBits()) + (p.seed() % 3 - 1) * 3; // seeds side by side
                dot(pen, p, x, panel.fresh().applyAsDouble(p), yOf, color, false);
                dot(pen, p, x, panel.shared().applyAsDouble(p), yOf, color, true);
            }
        }
    }

    private void dot(Pen pen, PhasePoint p, double x, double v, java.util.function.DoubleUnaryOperator yOf, Color color,
                     boolean shared) {
        if (Double.isNaN(v)) {
            return;
        }
        double y = yOf.applyAsDouble(v);
        pen.dot(x, y, shared ? 3.6 : 3.2, color, shared);
        hits.add(new Hit(x, y, p, shared));
    }

    private static void polyline(Pen pen, TreeMap<Double, Double> m, java.util.function.DoubleUnaryOperator xOf,
                                 java.util.function.DoubleUnaryOperator yOf, Color color, double width, boolean dashed) {
        Map.Entry<Double, Double> last = null;
        for (Map.Entry<Double, Double> e : m.entrySet()) {
            if (last != null) {
                pen.line(xOf.applyAsDouble(last.getKey()), yOf.applyAsDouble(last.getValue()), xOf.applyAsDouble(e.getKey()),
                        yOf.applyAsDouble(e.getValue()), color, width, dashed);
            }
            last = e;
        }
    }

    private static void legend(Pen pen, PhaseData data, double left, double y0, Color text, Color muted) {
        double y = y0;
        double x = left;
        pen.dot(x, y - 4, 3.6, text, true);
        pen.text(x + 8, y, "shared Z (a dot per seed; line: median)", muted, 11, 0);
        x += 230;
        pen.dot(x, y - 4, 3.2, text, false);
        pen.text(x + 8, y, "fresh Z (dashed)", muted, 11, 0);
        x += 110;
        pen.line(x, y - 4, x + 18, y - 4, chance(), 1, true);
        pen.text(x + 22, y, "chance", muted, 11, 0);
        x += 70;
        pen.rect(x, y - 9, 18, 10, BAND);
        pen.text(x + 22, y, "baseline (no Z)", muted, 11, 0);
        x += 115;
        pen.line(x + 9, y - 11, x + 9, y + 1, muted, 1, true);
        pen.text(x + 16, y, "the paper's kappa values", muted, 11, 0);
        x = left;
        y += 18;
        int c = 0;
        for (String recipe : data.byRecipe().keySet()) {
            Color color = recipe(c++);
            pen.line(x, y - 4, x + 16, y - 4, color, 2.2, false);
            pen.text(x + 20, y, "recipe: " + recipe, muted, 11, 0);
            x += 30 + CanvasPen.width(recipe, 11);
        }
    }
}

package ftx.app.train;

import ftx.app.common.SeriesStyle;
import ftx.app.common.CurveCanvas;
import ftx.engine.analysis.BitDictionary;
import ftx.engine.analysis.ProbeReading;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * "What Z decides": the live probe's agreement of shared-Z samples against fresh-Z samples and
 * chance over the steps, with a marker where shared first reaches 3x chance, and beside it the
 * latest probe's groups (as in the paper's Figure 4) and its most telling bit.
 */
final class ZDecidesPane extends HBox {
    /** Shared Z: the second series style (vermillion or orange, dashed, squares). */
    static SeriesStyle shared() {
        return SeriesStyle.series(1);
    }

    /** Fresh Z: the first (blue, solid, circles). */
    static SeriesStyle fresh() {
        return SeriesStyle.series(0);
    }

    /** The 3x-chance marker's colour: the third style's (black, or near white in the dark theme). */
    static Color decides() {
        return SeriesStyle.series(2).color();
    }
    private final CurveCanvas chart = new CurveCanvas("What Z decides: agreement within groups", "step");
    private final Label groupsTitle = new Label("Latest probe");
    private final Label groups = new Label();
    private final Label bit = new Label();
    private ProbeTrack track = new ProbeTrack();

    ZDecidesPane() {
        super(10);
        chart.setEmptyText("no probe yet: the first comes after about 5 s of training");
        chart.setHoverText(this::hover);
        chart.setXOrigin(0);
        chart.setMinHeight(150);
        chart.setMinWidth(320);
        HBox.setHgrow(chart, Priority.ALWAYS);
        groups.setFont(Font.font("Monospaced", 10));
        groups.getStyleClass().add("probe-groups");
        groupsTitle.getStyleClass().add("section-title");
        bit.setWrapText(true);
        bit.getStyleClass().add("help-text");
        Label seeing = new Label("Each probe generates groups of 5 samples sharing one Z and groups drawing Z afresh, "
                + "and counts agreeing pairs. Shared-Z pairs at 3x chance (the vertical line, at the first single probe that gets there): Z has taken "
                + "the decision. The curves are the mean of the last 5 probes, with a +-1 standard-error band.");
        seeing.setWrapText(true);
        seeing.getStyleClass().add("help-text");
        seeing.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        bit.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox side = new VBox(4, groupsTitle, groups, bit, seeing);
        side.setPadding(new Insets(0, 0, 0, 4));
        side.setPrefWidth(420);
        side.setMinWidth(300);
        side.setMaxWidth(440);
        getChildren().setAll(chart, side);
        getStyleClass().add("z-decides");
    }

    CurveCanvas chart() {
        return chart;
    }

    Label groupsLabel() {
        return groups;
    }

    void show(ProbeTrack t, boolean probeOn) {
        this.track = t;
        ProbeReading last = t.latest();
        if (last != null && last.decided().isEmpty()) {
            chart.setEmptyText("this task has no known decision to measure (a text file): the probe only measures CE");
        } else if (!probeOn && last == null) {
            chart.setEmptyText("the probe is off (Probe every = 0 under Machine)");
        }
        int decisive = t.decisiveStep();
        List<CurveCanvas.Marker> markers = decisive < 0 ? List.of() : List.of(new CurveCanvas.Marker(
                "3x chance at step " + decisive, decides(), decisive));
        double[] x = t.steps();
        if (last == null || last.decided().isEmpty()) {
            chart.setData(List.of(), List.of(), markers);
        } else { // raw probes as points; the lines are the trailing mean of 5 probes, the band +-1 standard error
            chart.setData(List.of(
                    new CurveCanvas.Series("shared Z (mean of 5 probes)", shared(), x, ProbeTrack.smoothed(t.shared()), x.length),
                    new CurveCanvas.Series("fresh Z", fresh(), x, ProbeTrack.smoothed(t.fresh()), x.length),
                    new CurveCanvas.Series("chance", SeriesStyle.neutral(), x, ProbeTrack.smoothed(t.chance()), x.length),
                    new CurveCanvas.Series("each probe", shared().dotsOnly(), x, t.shared(), x.length),
                    new CurveCanvas.Series("", fresh().dotsOnly(), x, t.fresh(), x.length)), List.of(), markers,
                    List.of(band(shared().color(), x, t.shared()), band(fresh().color(), x, t.fresh())));
        }
        showLatest(last);
    }

    private static CurveCanvas.Band band(Color c, double[] x, double[] v) {
        double[] m = ProbeTrack.smoothed(v);
        double[] se = ProbeTrack.standardError(v);
        double[] lo = new double[v.length];
        double[] hi = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            lo[i] = Math.max(0, m[i] - se[i]);
            hi[i] = Math.min(1, m[i] + se[i]);
        }
        return new CurveCanvas.Band(c, x, lo, hi, v.length);
    }

    private void showLatest(ProbeReading r) {
        if (r == null || r.freshGroup().isEmpty()) {
            groupsTitle.setText(r == null ? "Latest probe" : "Probe at step " + r.step());
            groups.setText(r == null ? "" : "(the groups of a reloaded run are not kept; the next probe shows them)");
            bit.setText(r == null ? "" : bitLine(r.bits()));
            return;
        }
        groupsTitle.setText(String.format(Locale.ROOT, "Probe at step %d", r.step()));
        StringBuilder b = new StringBuilder();
        if (!r.sharedGroup().isEmpty()) {
            b.append("shared Z\n");
            r.sharedGroup().forEach(s -> b.append("  ").append(s).append('\n'));
        }
        b.append("fresh Z\n");
        r.freshGroup().forEach(s -> b.append("  ").append(s).append('\n'));
        groups.setText(b.toString().stripTrailing());
        bit.setText(bitLine(r.bits()));
    }

    /** "Most telling bit: bit 0 about noise at t+7, 0.081 of at most 0.217 nats", or "". */
    static String bitLine(BitDictionary.Report bits) {
        int best = -1;
        for (int f = 0; f < bits.factors().size(); f++) {
            if (best < 0 || bits.information()[f][bits.bestBit(f)] > bits.information()[best][bits.bestBit(best)]) {
                best = f;
            }
        }
        if (best < 0) {
            return "";
        }
        int b = bits.bestBit(best);
        return String.format(Locale.ROOT, "Most telling bit: bit %d about \"%s\" (%.3f of at most %.3f nats).", b,
                bits.factors().get(best), bits.information()[best][b], bits.bounds()[best]);
    }

    private String hover(double step) {
        ProbeReading r = track.nearest(step);
        if (r == null || r.decided().isEmpty()) {
            return null;
        }
        String s = String.format(Locale.ROOT, "step %d: %s\nshared %s, fresh %s, chance %s (%s)", r.step(), r.decided(),
                pct(r.shared()),
                pct(r.fresh()), pct(r.chance()), Double.isFinite(r.sharedOverChance())
                        ? String.format(Locale.ROOT, "%.1fx chance", r.sharedOverChance()) : "-");
        if (!Double.isNaN(r.sharedNearMode())) {
            s += String.format(Locale.ROOT, "\nwithin +-1 of the group's mode: shared %s, fresh %s", pct(r.sharedNearMode()),
                    pct(r.freshNearMode()));
        }
        return s + "\nwell formed " + pct(r.wellFormed());
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f%%", 100 * v) : "-";
    }
}

package ftx.app.inspect;

import ftx.app.common.ColorScale;
import ftx.app.common.CanvasPane;
import ftx.app.common.Palette;
import ftx.engine.analysis.BitDictionary;
import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * The bit dictionary as a heatmap: one row per known factor of the task, one column per bit of Z,
 * each cell the information in nats (shaded against the row's bound). Clicking a cell asks what
 * that bit does (the Generate page forces it to 0, then to 1).
 */
final class BitDictionaryChart extends CanvasPane {
    private static final double LABEL = 190;
    private static final double TOP = 20;
    private static final double ROW = 24;
    private BitDictionary.Report report;
    private String emptyText = "Load a model of the synthetic or reviews task.";

    private int cursorRow;
    private int cursorBit;

    BitDictionaryChart(IntConsumer onBit) {
        setMinHeight(80);
        setOnMouseClicked(e -> {
            int[] cell = cellAt(e.getX(), e.getY());
            if (cell != null) {
                onBit.accept(cell[1]);
            }
        });
        keyboard(k -> { // arrows move over the cells, Enter or Space does what a click does
            if (report == null || report.factors().isEmpty()) {
                return false;
            }
            int bits = report.information()[0].length;
            switch (k) {
                case LEFT -> cursorBit = Math.max(0, cursorBit - 1);
                case RIGHT -> cursorBit = Math.min(bits - 1, cursorBit + 1);
                case UP -> cursorRow = Math.max(0, cursorRow - 1);
                case DOWN -> cursorRow = Math.min(report.factors().size() - 1, cursorRow + 1);
                default -> {
                    if (!activates(k)) {
                        return false;
                    }
                    onBit.accept(cursorBit);
                }
            }
            redraw();
            return true;
        });
    }

    void show(BitDictionary.Report r, String empty) {
        this.report = r;
        this.emptyText = empty;
        setPrefHeight(r == null ? 80 : TOP + ROW * r.factors().size() + 8);
        redraw();
    }

    BitDictionary.Report report() {
        return report;
    }

    /** The centre of a cell, in this node's coordinates. */
    double[] cellCentre(int factor, int bit) {
        double w = (getWidth() - LABEL - 8) / report.information()[0].length;
        return new double[] {LABEL + (bit + 0.5) * w, TOP + (factor + 0.5) * ROW};
    }

    /** {factor, bit} of the cell at a point, or null. */
    int[] cellAt(double x, double y) {
        if (report == null || report.factors().isEmpty()) {
            return null;
        }
        int bits = report.information()[0].length;
        double w = (getWidth() - LABEL - 8) / bits;
        int bit = (int) Math.floor((x - LABEL) / w);
        int factor = (int) Math.floor((y - TOP) / ROW);
        return x < LABEL || bit >= bits || y < TOP || factor >= report.factors().size() ? null : new int[] {factor, bit};
    }

    @Override
    public void redraw() {
        GraphicsContext g = clear();
        g.setFont(Font.font(11));
        if (report == null || report.factors().isEmpty()) {
            g.setFill(Palette.faint());
            g.fillText(emptyText, 8, 30);
            return;
        }
        int bits = report.information()[0].length;
        double w = (getWidth() - LABEL - 8) / bits;
        g.setFill(Palette.muted());
        for (int b = 0; b < bits; b++) {
            g.fillText("bit " + b, LABEL + b * w + w / 2 - 14, TOP - 6);
        }
        for (int f = 0; f < report.factors().size(); f++) {
            double y = TOP + f * ROW;
            g.setFill(Palette.text());
            g.fillText(String.format(Locale.ROOT, "%s (max %.3f)", report.factors().get(f), report.bounds()[f]), 4, y + 16);
            int best = report.bestBit(f);
            for (int b = 0; b < bits; b++) {
                double v = report.information()[f][b];
                double share = report.bounds()[f] > 0 ? Math.min(1, v / report.bounds()[f]) : 0;
                // square root: a bit at a tenth of its bound is already clearly visible
                g.setFill(ColorScale.share(share));
                g.fillRect(LABEL + b * w + 1, y + 1, w - 2, ROW - 2);
                g.setFill(Math.sqrt(share) > 0.55 ? Color.WHITE : Color.web("#1b2030"));
                String text = String.format(Locale.ROOT, "%.3f", v);
                if (w > 36) {
                    g.fillText(text, LABEL + b * w + w / 2 - 15, y + 16);
                }
                if (b == best && v > 0.005) {
                    g.setStroke(Color.web("#ff7f0e"));
                    g.setLineWidth(2);
                    g.strokeRect(LABEL + b * w + 1.5, y + 1.5, w - 3, ROW - 3);
                    g.setLineWidth(1);
                }
            }
        }
        if (report != null && !report.factors().isEmpty()) {
            double cw = (getWidth() - LABEL - 8) / report.information()[0].length;
            strokeCursor(g, LABEL + cursorBit * cw + 3, TOP + cursorRow * ROW + 3, cw - 6, ROW - 6);
        }
    }

}

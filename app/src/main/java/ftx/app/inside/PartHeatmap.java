package ftx.app.inside;

import ftx.app.common.CanvasPane;
import ftx.app.common.ColorScale;
import ftx.app.common.Palette;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.canvas.GraphicsContext;

/**
 * One part's values for the sequence: positions across, channels down (blue negative, orange
 * positive, scaled by the part's largest magnitude), and under it each position's norm as a bar;
 * position t marked. Hovering reports the value or the norm.
 */
public final class PartHeatmap extends CanvasPane {
    private static final double NORMS = 40;
    private float[][] values;
    private String title = "";
    private int position = -1;

    public PartHeatmap(Consumer<String> onHover) {
        setMinSize(240, 150);
        setPrefSize(480, 220);
        canvas().setOnMouseMoved(e -> {
            if (values == null) {
                return;
            }
            int t = (int) ((e.getX() - 40) / cellWidth());
            if (t < 0 || t >= values.length) {
                return;
            }
            double top = 20;
            int c = (int) ((e.getY() - top) / cellHeight());
            if (c >= 0 && c < values[t].length) {
                onHover.accept(String.format(Locale.ROOT, "%s: position %d, channel %d = %.4f", title, t, c, values[t][c]));
            } else {
                onHover.accept(String.format(Locale.ROOT, "%s: position %d, norm %.4f", title, t, norm(values[t])));
            }
        });
    }

    public void show(String partTitle, float[][] v, int t) {
        title = partTitle;
        values = v;
        position = t;
        redraw();
    }

    private double cellWidth() {
        return (getWidth() - 50) / Math.max(1, values.length);
    }

    private double cellHeight() {
        return Math.max(1, (getHeight() - 30 - NORMS) / Math.max(1, values[0].length));
    }

    private static double norm(float[] row) {
        double s = 0;
        for (float x : row) {
            s += x * (double) x;
        }
        return Math.sqrt(s);
    }

    @Override
    public void redraw() {
        GraphicsContext g = clear();
        g.setFill(Palette.text());
        if (values == null || values.length == 0) {
            g.setFill(Palette.faint());
            g.fillText("Click a box of the diagram to see its values for the sequence.", 10, 20);
            return;
        }
        g.fillText(title + "  (" + values.length + " positions x " + values[0].length + " channels; blue < 0 < orange)", 40,
                14);
        double w = cellWidth();
        double h = cellHeight();
        double max = 1e-9;
        double maxNorm = 1e-9;
        for (float[] row : values) {
            for (float x : row) {
                max = Math.max(max, Math.abs(x));
            }
            maxNorm = Math.max(maxNorm, norm(row));
        }
        double top = 20;
        for (int t = 0; t < values.length; t++) {
            for (int c = 0; c < values[t].length; c++) {
                g.setFill(ColorScale.diverging(values[t][c] / max));
                g.fillRect(40 + t * w, top + c * h, Math.ceil(w), Math.ceil(h));
            }
        }
        double base = top + values[0].length * h + NORMS;
        for (int t = 0; t < values.length; t++) {
            double bar = (NORMS - 6) * norm(values[t]) / maxNorm;
            g.setFill(t == position ? javafx.scene.paint.Color.web("#d07a00") : Palette.muted());
            g.fillRect(40 + t * w, base - bar, Math.max(1, w - 1), bar);
        }
        g.setFill(Palette.muted());
        g.fillText("norm", 4, base - 4);
        g.fillText("ch", 16, top + 10);
        if (position >= 0 && position < values.length) {
            g.setStroke(javafx.scene.paint.Color.web("#ff4d4d"));
            g.strokeRect(40 + position * w, top, w, values[0].length * h);
        }
    }
}

package ftx.app.inside;

import ftx.app.common.CanvasPane;
import ftx.app.common.ColorScale;
import ftx.app.common.Palette;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * One attention map, queries down and keys across (viridis: dark 0, yellow the largest weight of
 * the map), the row and the column of position t outlined; hovering a cell reports its weight.
 */
public final class AttentionMap extends CanvasPane {
    private float[][] weights;
    private String symbols = "";
    private int position = -1;
    private final Consumer<String> onHover;

    public AttentionMap(Consumer<String> onHover) {
        this.onHover = onHover;
        setMinSize(220, 220);
        setPrefSize(340, 340);
        canvas().setOnMouseMoved(e -> {
            int[] cell = cell(e.getX(), e.getY());
            if (cell != null) {
                onHover.accept(String.format(Locale.ROOT, "query %d '%c' attends to key %d '%c' with weight %.4f", cell[0],
                        symbol(cell[0]), cell[1], symbol(cell[1]), weights[cell[0]][cell[1]]));
            }
        });
    }

    /** Shows a map [query][key] for a text; t: the position outlined. */
    public void show(float[][] map, String text, int t) {
        weights = map;
        symbols = text;
        position = t;
        redraw();
    }

    private char symbol(int i) {
        return i < symbols.length() ? symbols.charAt(i) : '?';
    }

    private double side() {
        return Math.min(getWidth(), getHeight()) - 24;
    }

    private int[] cell(double x, double y) {
        if (weights == null) {
            return null;
        }
        int n = weights.length;
        double s = side() / n;
        int q = (int) ((y - 20) / s);
        int k = (int) ((x - 20) / s);
        return q >= 0 && k >= 0 && q < n && k < n ? new int[] {q, k} : null;
    }

    @Override
    public void redraw() {
        GraphicsContext g = clear();
        if (weights == null) {
            g.setFill(Palette.faint());
            g.fillText("no map", 20, 30);
            return;
        }
        int n = weights.length;
        double s = side() / n;
        float max = 1e-9f;
        for (float[] row : weights) {
            for (float w : row) {
                max = Math.max(max, w);
            }
        }
        for (int q = 0; q < n; q++) {
            for (int k = 0; k < n; k++) {
                g.setFill(ColorScale.viridis(weights[q][k] / max));
                g.fillRect(20 + k * s, 20 + q * s, Math.ceil(s), Math.ceil(s));
            }
        }
        g.setFill(Palette.muted());
        g.fillText("keys ->", 20, 14);
        g.save();
        g.translate(12, 20 + 60);
        g.rotate(90);
        g.fillText("queries ->", 0, 0);
        g.restore();
        if (position >= 0 && position < n) {
            g.setStroke(Color.web("#ff4d4d"));
            g.setLineWidth(1.5);
            g.strokeRect(20, 20 + position * s, n * s, s);
            g.setLineDashes(4, 3);
            g.strokeRect(20 + position * s, 20, s, n * s);
            g.setLineDashes(null);
        }
    }
}

package ftx.app.inspect;

import ftx.app.common.ColorScale;
import ftx.engine.analysis.PositionCode;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import java.util.function.IntUnaryOperator;
import ftx.app.common.CanvasPane;
import ftx.app.common.Palette;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The encoder's reading aligned under the symbols, one column per position: the symbol, the Z
 * index in hex, a heatmap of the H bit probabilities (white p = 0 to blue p = 1, a dot where the
 * shown Z has the bit set), and the KL as a bar against the dashed kappa line. Hovering a column
 * reports its position; clicking a bit cell flips that bit of the shown code (an orange mark
 * above the column shows an edited code).
 */
public final class LatentGrid extends CanvasPane {
    static final double LEFT = 70;
    static final double ROW = 16;
    private InspectResult result;
    private IntUnaryOperator zShown = t -> 0;
    private java.util.function.IntPredicate edited = t -> false;
    private int hover = -1;
    private int cursorT;
    private int cursorBit;
    private double bitsTop;
    private double cell;

    /** onHover gets the position under the mouse (-1 outside); onFlip (position, bit) when a bit cell is clicked. */
    public LatentGrid(IntConsumer onHover, BiConsumer<Integer, Integer> onFlip) {
        setMinHeight(200);
        canvas().setOnMouseMoved(e -> {
            int p = positionAt(e.getX());
            if (p != hover) {
                hover = p;
                redraw();
                onHover.accept(p);
            }
        });
        canvas().setOnMouseClicked(e -> {
            int p = positionAt(e.getX());
            if (p >= 0 && e.getY() >= bitsTop && e.getY() < bitsTop + cell * result.latentBits()) {
                int bit = result.latentBits() - 1 - (int) ((e.getY() - bitsTop) / cell);
                onFlip.accept(p, bit);
            }
        });
        canvas().setOnMouseExited(e -> {
            hover = -1;
            redraw();
            onHover.accept(-1);
        });
        keyboard(k -> { // Left/Right: position, Up/Down: bit, Enter or Space: flip it
            if (result == null) {
                return false;
            }
            int n = result.codes().size();
            int h = result.latentBits();
            switch (k) {
                case LEFT -> cursorT = Math.max(0, cursorT - 1);
                case RIGHT -> cursorT = Math.min(n - 1, cursorT + 1);
                case UP -> cursorBit = Math.min(h - 1, cursorBit + 1);
                case DOWN -> cursorBit = Math.max(0, cursorBit - 1);
                default -> {
                    if (!activates(k)) {
                        return false;
                    }
                    onFlip.accept(cursorT, cursorBit);
                }
            }
            hover = cursorT;
            onHover.accept(cursorT);
            redraw();
            return true;
        });
    }

    /** The keyboard cursor: position and bit. */
    int[] cursor() {
        return new int[] {cursorT, cursorBit};
    }


    /** Shows a reading; zAt gives the code shown per position, isEdited marks user edits. */
    public void show(InspectResult r, IntUnaryOperator zAt, java.util.function.IntPredicate isEdited) {
        this.result = r;
        if (r != null) {
            cursorT = Math.min(cursorT, Math.max(0, r.codes().size() - 1));
            cursorBit = Math.min(cursorBit, Math.max(0, r.latentBits() - 1));
        }
        this.zShown = zAt;
        this.edited = isEdited;
        redraw();
    }

    int positionAt(double x) {
        if (result == null || x < LEFT) {
            return -1;
        }
        int p = (int) ((x - LEFT) / columnWidth());
        return p < result.codes().size() ? p : -1;
    }

    private double columnWidth() {
        return Math.max(6, (getWidth() - LEFT - 10) / Math.max(1, result.codes().size()));
    }

    @Override
    public void redraw() {
        GraphicsContext g = clear();
        if (result == null) {
            g.setFill(Palette.faint());
            g.setFont(Font.font(13));
            g.fillText("Type or draw a sequence and press Inspect.", 20, 30);
            return;
        }
        int n = result.codes().size();
        int h = result.latentBits();
        double cw = columnWidth();
        double y = 6;
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(Palette.muted());
        g.setFont(Font.font(11));
        g.fillText("symbol", 4, y + ROW / 2);
        g.fillText("Z (hex)", 4, y + ROW * 1.5 + 4);
        bitsTop = y + ROW * 2 + 14;
        cell = Math.min(ROW, Math.max(6, (getHeight() - bitsTop - 110) / h));
        for (int b = h - 1; b >= 0; b--) {
            g.fillText("bit " + b, 4, bitsTop + (h - 1 - b) * cell + cell / 2);
        }
        double klTop = bitsTop + h * cell + 10;
        double klHeight = Math.max(40, getHeight() - klTop - 24);
        g.fillText("KL (nats)", 4, klTop + klHeight / 2);
        double maxKl = Double.isFinite(result.kappaNats()) ? result.kappaNats() : 0;
        for (PositionCode c : result.codes()) {
            maxKl = Math.max(maxKl, c.kl());
        }
        maxKl = Math.max(maxKl * 1.1, 1e-6);
        g.setTextAlign(TextAlignment.CENTER);
        for (int t = 0; t < n; t++) {
            PositionCode c = result.codes().get(t);
            double x = LEFT + t * cw;
            if (t == hover) {
                g.setFill(Palette.hover());
                g.fillRect(x, 0, cw, getHeight());
            }
            g.setFill(Palette.text());
            g.setFont(Font.font("Monospaced", 13));
            g.fillText(String.valueOf(result.text().charAt(t)), x + cw / 2, y + ROW / 2);
            int z = zShown.applyAsInt(t);
            if (edited.test(t)) {
                g.setFill(Color.web("#f0a020"));
                g.fillRect(x + 1, bitsTop - 5, cw - 2, 3); // an edited code
            }
            drawHex(g, InspectViewModel.hex(z, h), x + cw / 2, y + ROW * 1.5 + 4, cw);
            for (int b = h - 1; b >= 0; b--) {
                double p = c.bitProbabilities()[b];
                double cy = bitsTop + (h - 1 - b) * cell;
                g.setFill(ColorScale.bitCell(p));
                g.fillRect(x + 0.5, cy + 0.5, cw - 1, cell - 1);
                if (((z >> b) & 1) == 1) {
                    g.setFill(Color.web("#1a1a1a"));
                    double r = Math.min(cw, cell) * 0.22;
                    g.fillOval(x + cw / 2 - r, cy + cell / 2 - r, 2 * r, 2 * r);
                }
            }
            double bar = c.kl() / maxKl * klHeight;
            g.setFill(Color.web("#d62728"));
            g.fillRect(x + 1, klTop + klHeight - bar, cw - 2, bar);
        }
        g.setStroke(Palette.frame());
        g.strokeRect(LEFT, klTop, n * cw, klHeight);
        if (Double.isFinite(result.kappaNats())) {
            double ky = klTop + klHeight - result.kappaNats() / maxKl * klHeight;
            g.setStroke(Color.web("#d62728"));
            g.setLineDashes(5, 4);
            g.strokeLine(LEFT, ky, LEFT + n * cw, ky);
            g.setLineDashes();
            g.setFill(Color.web("#d62728"));
            g.setTextAlign(TextAlignment.LEFT);
            g.setFont(Font.font(10));
            g.fillText(String.format("kappa %.4f", result.kappaNats()), LEFT + n * cw - 70, ky - 7);
        }
        g.setFill(Palette.muted());
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(Font.font(10));
        g.fillText(String.format("max %.4f", maxKl), 4, klTop + 6);
        g.fillText("position 0", LEFT, klTop + klHeight + 12);
        strokeCursor(g, LEFT + cursorT * cw + 1, bitsTop + (h - 1 - cursorBit) * cell + 1, cw - 2, cell - 2);
    }

    private static void drawHex(GraphicsContext g, String hex, double cx, double cy, double cw) {
        double fontSize = Math.min(11, Math.max(6, cw / (0.62 * hex.length())));
        g.setFont(Font.font("Monospaced", fontSize));
        g.setFill(Color.web("#3d6bd4"));
        g.fillText(hex, cx, cy);
    }

}

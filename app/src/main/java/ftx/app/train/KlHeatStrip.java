package ftx.app.train;

import ftx.app.common.ColorScale;
import ftx.app.common.CanvasPane;
import ftx.app.common.Palette;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * Per-token KL as a heat map: position along x, training time down the y axis, colour = KL in
 * nats (white 0 to dark red at the largest value seen). Shows which positions spend the
 * free-bits budget as training goes.
 */
public final class KlHeatStrip extends CanvasPane {
    private KlHeatData data;

    public KlHeatStrip() {
        setMinSize(200, 100);
    }


    public void setData(KlHeatData d) {
        this.data = d;
        redraw();
    }

    @Override
    public void redraw() {
        double w = getWidth();
        double h = getHeight();
        GraphicsContext g = clear();
        g.setFont(Font.font(12));
        g.setFill(Palette.text());
        g.fillText("KL per position (x: position in the sequence, down: training steps; darker = more nats)", 52, 16);
        double left = 52;
        double top = 24;
        double pw = w - left - 12;
        double ph = h - top - 22;
        if (data == null || data.rows().isEmpty() || pw < 10 || ph < 10) {
            g.setFill(Palette.faint());
            g.fillText("no KL yet: start a run (a baseline with H = 0 has no Z and no KL)", left + 10, top + 30);
            return;
        }
        List<float[]> rows = data.rows();
        int t = rows.get(0).length;
        double cw = pw / t;
        double rh = ph / rows.size();
        float max = data.max();
        for (int r = 0; r < rows.size(); r++) {
            float[] row = rows.get(r);
            for (int p = 0; p < Math.min(t, row.length); p++) {
                double v = Math.min(1, row[p] / max);
                g.setFill(ColorScale.heat(v));
                g.fillRect(left + p * cw, top + r * rh, Math.ceil(cw), Math.ceil(rh));
            }
        }
        g.setStroke(Palette.frame());
        g.strokeRect(left, top, pw, ph);
        g.setFill(Palette.muted());
        g.setFont(Font.font(10));
        g.fillText("step " + data.rowSteps().get(0), 2, top + 10);
        g.fillText("step " + data.rowSteps().get(rows.size() - 1), 2, top + ph);
        g.fillText("pos 0", left, top + ph + 14);
        g.fillText("pos " + (t - 1), left + pw - 36, top + ph + 14);
        g.fillText(String.format("max %.3f nats", max), left + pw / 2 - 30, top + ph + 14);
    }

}

package ftx.app.common;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/** A drawing on a JavaFX canvas. */
public final class CanvasPen implements Pen {
    private final GraphicsContext g;

    public CanvasPen(GraphicsContext g) {
        this.g = g;
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed) {
        g.setStroke(color);
        g.setLineWidth(width);
        g.setLineDashes(dashed ? new double[] {5, 4} : null);
        g.strokeLine(x1, y1, x2, y2);
        g.setLineDashes(null);
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill) {
        g.setFill(fill);
        g.fillRect(x, y, w, h);
    }

    @Override
    public void box(double x, double y, double w, double h, Color fill, Color stroke, double width) {
        g.setFill(fill);
        g.fillRoundRect(x, y, w, h, 10, 10);
        g.setStroke(stroke);
        g.setLineWidth(width);
        g.strokeRoundRect(x, y, w, h, 10, 10);
    }

    @Override
    public void dot(double x, double y, double r, Color color, boolean filled) {
        if (filled) {
            g.setFill(color);
            g.fillOval(x - r, y - r, 2 * r, 2 * r);
        } else {
            g.setStroke(color);
            g.setLineWidth(1.5);
            g.strokeOval(x - r, y - r, 2 * r, 2 * r);
        }
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, Color color, double width, double[] dashes) {
        g.setStroke(color);
        g.setLineWidth(width);
        g.setLineDashes(dashes.length == 0 ? null : dashes);
        g.strokePolyline(xs, ys, n);
        g.setLineDashes(null);
        g.setLineWidth(1);
    }

    @Override
    public void polygon(double[] xs, double[] ys, int n, Color fill) {
        g.setFill(fill);
        g.fillPolygon(xs, ys, n);
    }

    @Override
    public void text(double x, double y, String s, Color color, double size, double align) {
        g.setFill(color);
        g.setFont(Font.font(size));
        g.setTextAlign(align == 0 ? TextAlignment.LEFT : align == 1 ? TextAlignment.RIGHT : TextAlignment.CENTER);
        g.setTextBaseline(VPos.BASELINE);
        g.fillText(s, x, y);
        g.setTextAlign(TextAlignment.LEFT);
    }

    /** The width of s at size (for layout). */
    public static double width(String s, double size) {
        Text t = new Text(s);
        t.setFont(Font.font(size));
        return t.getLayoutBounds().getWidth();
    }
}

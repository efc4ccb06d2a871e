package ftx.app.common;

import javafx.scene.paint.Color;

/**
 * What a drawn view (the phase diagram, the model diagram, the line charts) draws with: the same
 * calls make the canvas on screen and the SVG export.
 */
public interface Pen {
    void line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed);

    void rect(double x, double y, double w, double h, Color fill);

    /** A box with rounded corners, filled and outlined. */
    void box(double x, double y, double w, double h, Color fill, Color stroke, double width);

    /** A dot of radius r, filled (shared Z) or a ring (fresh Z). */
    void dot(double x, double y, double r, Color color, boolean filled);

    /** A line through the first n points, in a dash pattern (empty = solid). */
    void polyline(double[] xs, double[] ys, int n, Color color, double width, double[] dashes);

    /** A filled polygon of the first n points (its colour's opacity kept). */
    void polygon(double[] xs, double[] ys, int n, Color fill);

    /** Text with its left end (align 0), centre (0.5) or right end (1) at x, baseline y. */
    void text(double x, double y, String s, Color color, double size, double align);
}

package ftx.app.common;

import java.util.Locale;
import javafx.scene.paint.Color;

/** A drawing as an SVG document (the SVG exports). */
public final class SvgPen implements Pen {
    private final StringBuilder b = new StringBuilder();

    public SvgPen(double width, double height, Color background) {
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\""
                + " viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\">%n", width, height, width, height));
        rect(0, 0, width, height, background);
    }

    private static String rgb(Color c) {
        return String.format(Locale.ROOT, "rgb(%d,%d,%d)\" %s-opacity=\"%.3f", Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255), "%s", c.getOpacity());
    }

    private static String paint(String attribute, Color c) {
        return attribute + "=\"" + rgb(c).formatted(attribute) + "\"";
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed) {
        b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" %s stroke-width=\"%.1f\"%s/>%n",
                x1, y1, x2, y2, paint("stroke", color), width, dashed ? " stroke-dasharray=\"5 4\"" : ""));
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill) {
        b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" %s/>%n", x, y, w, h,
                paint("fill", fill)));
    }

    @Override
    public void box(double x, double y, double w, double h, Color fill, Color stroke, double width) {
        b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"5\" %s %s"
                + " stroke-width=\"%.1f\"/>%n", x, y, w, h, paint("fill", fill), paint("stroke", stroke), width));
    }

    @Override
    public void dot(double x, double y, double r, Color color, boolean filled) {
        b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" %s/>%n", x, y, r,
                filled ? paint("fill", color) : "fill=\"none\" " + paint("stroke", color) + " stroke-width=\"1.5\""));
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, Color color, double width, double[] dashes) {
        StringBuilder dash = new StringBuilder();
        for (double d : dashes) {
            dash.append(dash.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f", d));
        }
        b.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" %s stroke-width=\"%.1f\"%s/>%n",
                points(xs, ys, n), paint("stroke", color), width, dashes.length == 0 ? "" : " stroke-dasharray=\"" + dash + "\""));
    }

    @Override
    public void polygon(double[] xs, double[] ys, int n, Color fill) {
        b.append(String.format(Locale.ROOT, "<polygon points=\"%s\" %s/>%n", points(xs, ys, n), paint("fill", fill)));
    }

    private static String points(double[] xs, double[] ys, int n) {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < n; i++) {
            p.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", xs[i], ys[i]));
        }
        return p.toString();
    }

    @Override
    public void text(double x, double y, String s, Color color, double size, double align) {
        String anchor = align == 0 ? "start" : align == 1 ? "end" : "middle";
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" text-anchor=\"%s\" %s>%s</text>%n",
                x, y, size, anchor, paint("fill", color), s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")));
    }

    public String finish() {
        return b + "</svg>\n";
    }
}

package ftx.app.inside;

import ftx.app.common.Palette;
import ftx.app.common.Pen;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.paint.Color;

/**
 * Draws the Free Transformer as boxes and arrows, scaled to any size: the decoder on the left,
 * bottom to top (tokens, embedding, blocks 1..L/2, block L/2+1 with Z in its keys and values, the
 * rest, the logits); the latent path on the right (the encoder block reading X_half with its
 * learned query zeta, the H bit logits, the Binary Mapper, Z and W_post), and the prior that
 * replaces the encoder at generation. The same calls draw the canvas and the SVG export.
 */
public final class DiagramPainter {
    /** A box: its part of the trace (null when it has none), its place (0..1 of the drawing) and words. */
    public record Box(String part, String title, String subtitle, double x, double y, double w, double h, boolean latent) {
        boolean contains(double px, double py, double width, double height) {
            return px >= x * width && px <= (x + w) * width && py >= y * height && py <= (y + h) * height;
        }
    }

    private DiagramPainter() {
    }

    /** The boxes for a model of L layers and H bits (H = 0: the baseline, no latent path). */
    public static List<Box> boxes(int layers, int bits) {
        int half = layers / 2;
        List<Box> b = new ArrayList<>();
        double lx = 0.03;
        double lw = 0.40;
        double h = 0.11;
        b.add(new Box("logits", "logits", "next-symbol distribution", lx, 0.02, lw, h, false));
        if (layers - half > 1) {
            b.add(new Box("block." + (layers - 1), (layers > half + 2 ? "blocks " + (half + 2) + ".." + layers
                    : "block " + layers),
                    "causal self-attention + MLP", lx, 0.18, lw, h, false));
        }
        b.add(new Box("inject", "block " + (half + 1), "keys and values read X_half + R", lx, 0.34, lw, h, false));
        b.add(new Box("block." + (half - 1), "blocks 1.." + half, "causal; output X_half", lx, 0.56, lw, h, false));
        b.add(new Box("embed", "token embedding", "one vector per symbol", lx, 0.72, lw, h, false));
        b.add(new Box(null, "tokens", "S_0 .. S_T", lx, 0.87, lw, h, false));
        if (bits > 0) {
            double rx = 0.57;
            double rw = 0.40;
            b.add(new Box("z", "Z -> W_post", "R = W_post[Z], one of " + (1 << Math.min(bits, 30)) + " rows", rx, 0.34, rw, h,
                    true));
            b.add(new Box("mapper", "Binary Mapper", "samples " + bits + " bits -> Z", rx, 0.50, rw, h, true));
            b.add(new Box("bits", bits + " bit logits", "readout of the encoder", rx, 0.66, rw, h, true));
            b.add(new Box("encoder", "encoder block", "non-causal; query zeta, keys X_half", rx, 0.82, rw, h, true));
        }
        return b;
    }

    /** The box under a point of a drawing of this size, or null. */
    public static Box hit(List<Box> boxes, double x, double y, double width, double height) {
        for (Box b : boxes) {
            if (b.part() != null && b.contains(x, y, width, height)) {
                return b;
            }
        }
        return null;
    }

    /** Draws the diagram at width x height; selected: the part shown below it (null: none). */
    public static void paint(Pen pen, List<Box> boxes, double width, double height, String selected, String hovered,
                             boolean compact) {
        double title = compact ? 11 : 13;
        double sub = compact ? 9 : 11;
        Color decoder = Palette.isDark() ? Color.web("#2d3a4f") : Color.web("#e6eefb");
        Color latent = Palette.isDark() ? Color.web("#4a3b22") : Color.web("#fdf0dc");
        Color edge = Palette.frame();
        Color accent = Color.web("#d07a00");
        Color arrow = Palette.muted();
        Box logits = find(boxes, "logits");
        // the decoder's upward flow
        for (int i = 0; i + 1 < boxes.size() && !boxes.get(i + 1).latent(); i++) {
            Box above = boxes.get(i);
            Box below = boxes.get(i + 1);
            double cx = (above.x() + above.w() / 2) * width;
            arrowUp(pen, cx, below.y() * height, (above.y() + above.h()) * height, arrow);
        }
        Box encoder = find(boxes, "encoder");
        if (encoder != null) {
            Box lower = boxes.stream().filter(b -> b.title().startsWith("blocks 1..")).findFirst().orElseThrow();
            Box middle = find(boxes, "inject");
            Box z = find(boxes, "z");
            // X_half to the encoder's keys and values, along the gap between the columns
            double sx = (lower.x() + lower.w()) * width;
            double sy = (lower.y() + lower.h() / 2) * height;
            double bus = (lower.x() + lower.w() + encoder.x()) / 2 * width;
            double ey = (encoder.y() + encoder.h() / 2) * height;
            pen.line(sx, sy, bus, sy, arrow, 1.5, false);
            pen.line(bus, sy, bus, ey, arrow, 1.5, false);
            pen.line(bus, ey, encoder.x() * width - 2, ey, arrow, 1.5, false);
            head(pen, encoder.x() * width, ey, 1, 0, arrow);
            pen.text((sx + bus) / 2, sy - 4, "X_half", arrow, sub, 0.5);
            // up the latent path
            List<Box> path = List.of(find(boxes, "encoder"), find(boxes, "bits"), find(boxes, "mapper"), z);
            for (int i = 0; i + 1 < path.size(); i++) {
                double cx = (path.get(i).x() + path.get(i).w() / 2) * width;
                arrowUp(pen, cx, path.get(i).y() * height, (path.get(i + 1).y() + path.get(i + 1).h()) * height, accent);
            }
            // R into block L/2+1
            double my = (middle.y() + middle.h() / 2) * height;
            pen.line(z.x() * width, my, (middle.x() + middle.w()) * width + 6, my, accent, 2, false);
            head(pen, (middle.x() + middle.w()) * width, my, -1, 0, accent);
            pen.text(((middle.x() + middle.w()) * width + z.x() * width) / 2, my - 5, "+ R", accent, sub, 0.5);
            // the prior at generation
            double px = (z.x() + z.w()) * width;
            double py = (z.y() - 0.05) * height;
            pen.text(px, py, compact ? "generation: Z uniform" : "at generation: Z drawn uniformly (the prior)", arrow,
                    sub, 1);
            pen.line(px - 8, py + 3, px - 8, z.y() * height - 2, arrow, 1, true);
            pen.text((encoder.x() + encoder.w() / 2) * width, (encoder.y() + encoder.h()) * height + sub + 3,
                    "training and Inspect: Z from the encoder", arrow, sub, 0.5);
        }
        for (Box b : boxes) {
            boolean on = b.part() != null && b.part().equals(selected);
            boolean hover = b.part() != null && b.part().equals(hovered);
            Color stroke = on ? accent : hover ? Palette.text() : edge;
            pen.box(b.x() * width, b.y() * height, b.w() * width, b.h() * height, b.latent() ? latent : decoder, stroke,
                    on ? 3 : hover ? 2 : 1);
            double cx = (b.x() + b.w() / 2) * width;
            double top = b.y() * height;
            double bh = b.h() * height;
            pen.text(cx, top + bh * 0.45, b.title(), Palette.text(), title, 0.5);
            if (!compact || bh > 30) {
                pen.text(cx, top + bh * 0.45 + sub + 3, b.subtitle(), Palette.muted(), sub, 0.5);
            }
        }
        if (logits == null) {
            pen.text(width / 2, height / 2, "no model", Palette.faint(), title, 0.5);
        }
    }

    private static Box find(List<Box> boxes, String part) {
        return boxes.stream().filter(b -> part.equals(b.part())).findFirst().orElse(null);
    }

    private static void arrowUp(Pen pen, double x, double from, double to, Color c) {
        pen.line(x, from, x, to + 2, c, 1.5, false);
        head(pen, x, to, 0, -1, c);
    }

    /** An arrowhead whose tip is at (x, y), pointing along (dx, dy). */
    private static void head(Pen pen, double x, double y, double dx, double dy, Color c) {
        double s = 6;
        double px = -dy;
        double py = dx;
        pen.line(x, y, x - dx * s + px * s * 0.6, y - dy * s + py * s * 0.6, c, 1.5, false);
        pen.line(x, y, x - dx * s - px * s * 0.6, y - dy * s - py * s * 0.6, c, 1.5, false);
    }
}

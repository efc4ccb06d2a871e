package ftx.app.sweep;

import ftx.app.common.CanvasPen;
import ftx.app.common.SvgPen;
import ftx.app.common.CanvasPane;
import ftx.app.common.Palette;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/**
 * The phase diagram of a sweep on screen ({@link PhasePainter}): hover a dot for its row's
 * numbers, click it to open the row.
 */
public final class PhaseDiagram extends CanvasPane {
    private final PhasePainter painter = new PhasePainter();
    private final Tooltip tip = new Tooltip();
    private PhaseData data = PhaseData.empty();
    private Consumer<PhasePoint> onOpen = p -> { };
    private int cursor;

    public PhaseDiagram() {
        getStyleClass().add("phase-diagram");
        setMinSize(600, 300);
        tip.setShowDelay(Duration.millis(80));
        Tooltip.install(this, tip);
        setOnMouseMoved(e -> {
            PhasePainter.Hit h = nearest(e.getX(), e.getY());
            tip.setText(h == null ? "Hover a dot for its row's numbers; click it to open the row"
                    : h.point().describe(data.reviews()) + "\n(" + (h.shared() ? "shared Z" : "fresh Z") + "; click to open)");
        });
        setOnMouseClicked(e -> {
            PhasePainter.Hit h = nearest(e.getX(), e.getY());
            if (h != null) {
                onOpen.accept(h.point());
            }
        });
        keyboard(k -> { // Left/Right walk the dots (the status tip names the one under the cursor), Enter opens it
            List<PhasePainter.Hit> hits = painter.hits();
            if (hits.isEmpty()) {
                return false;
            }
            switch (k) {
                case LEFT, UP -> cursor = Math.floorMod(cursor - 1, hits.size());
                case RIGHT, DOWN -> cursor = Math.floorMod(cursor + 1, hits.size());
                default -> {
                    if (!activates(k)) {
                        return false;
                    }
                    onOpen.accept(hits.get(Math.min(cursor, hits.size() - 1)).point());
                    return true;
                }
            }
            PhasePainter.Hit h = hits.get(cursor);
            setAccessibleText(h.point().describe(data.reviews()));
            tip.setText(h.point().describe(data.reviews()) + "\n(" + (h.shared() ? "shared Z" : "fresh Z") + "; Enter opens it)");
            redraw();
            return true;
        });
    }

    public void setData(PhaseData d) {
        data = d;
        redraw();
    }

    public PhaseData data() {
        return data;
    }

    /** What a click on a dot does. */
    public void setOnOpen(Consumer<PhasePoint> action) {
        onOpen = action;
    }

    /** The dot within 8 pixels of (x, y), nearest first, or null. */
    PhasePainter.Hit nearest(double x, double y) {
        PhasePainter.Hit best = null;
        double bestD = 64;
        for (PhasePainter.Hit h : painter.hits()) {
            double d = (h.x() - x) * (h.x() - x) + (h.y() - y) * (h.y() - y);
            if (d < bestD) {
                bestD = d;
                best = h;
            }
        }
        return best;
    }

    /** The dots as drawn (tests click them). */
    java.util.List<PhasePainter.Hit> hits() {
        return painter.hits();
    }

    @Override
    public void redraw() {
        clear();
        painter.paint(new CanvasPen(graphics()), data, getWidth(), getHeight(), Palette.text(), Palette.muted(), Palette.grid());
        List<PhasePainter.Hit> hits = painter.hits();
        if (!hits.isEmpty()) {
            PhasePainter.Hit h = hits.get(Math.min(cursor, hits.size() - 1));
            strokeCursor(graphics(), h.x() - 7, h.y() - 7, 14, 14);
        }
    }

    /** The point under the keyboard cursor, or null. */
    PhasePoint cursorPoint() {
        List<PhasePainter.Hit> hits = painter.hits();
        return hits.isEmpty() ? null : hits.get(Math.min(cursor, hits.size() - 1)).point();
    }

    /** The diagram as an SVG document of the same size. */
    public String svg() {
        SvgPen pen = new SvgPen(getWidth(), getHeight(), Palette.background());
        new PhasePainter().paint(pen, data, getWidth(), getHeight(), Palette.text(), Palette.muted(), Palette.grid());
        return pen.finish();
    }
}

package ftx.app.inside;

import ftx.app.common.CanvasPane;
import ftx.app.common.CanvasPen;
import ftx.app.common.SvgPen;
import ftx.app.common.Palette;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Cursor;

/**
 * The model as a live diagram ({@link DiagramPainter}): hovering a box outlines it, clicking it
 * hands its part's id to the page (which shows that part's values); compact for the welcome page.
 */
public final class ModelDiagram extends CanvasPane {
    private List<DiagramPainter.Box> boxes = DiagramPainter.boxes(4, 8);
    private final boolean compact;
    private String selected;
    private String hovered;

    public ModelDiagram(boolean compact, Consumer<String> onSelect) {
        this.compact = compact;
        setMinSize(compact ? 300 : 380, compact ? 230 : 300);
        setPrefSize(compact ? 420 : 480, compact ? 290 : 360);
        canvas().setOnMouseMoved(e -> {
            DiagramPainter.Box b = DiagramPainter.hit(boxes, e.getX(), e.getY(), getWidth(), getHeight());
            String now = b == null || onSelect == null ? null : b.part();
            setCursor(now == null ? Cursor.DEFAULT : Cursor.HAND);
            if (!java.util.Objects.equals(now, hovered)) {
                hovered = now;
                redraw();
            }
        });
        canvas().setOnMouseExited(e -> {
            hovered = null;
            redraw();
        });
        canvas().setOnMouseClicked(e -> {
            DiagramPainter.Box b = DiagramPainter.hit(boxes, e.getX(), e.getY(), getWidth(), getHeight());
            if (b != null && onSelect != null) {
                selected = b.part();
                onSelect.accept(selected);
                redraw();
            }
        });
        if (onSelect != null) { // Up/Down walk the boxes (Left/Right stay the page's: they move t), Enter or Space opens one
            keyboard(k -> {
                int i = boxes.stream().map(DiagramPainter.Box::part).toList().indexOf(hovered);
                switch (k) {
                    case UP -> hovered = boxes.get(Math.floorMod(i - 1, boxes.size())).part();
                    case DOWN -> hovered = boxes.get(Math.floorMod(i + 1, boxes.size())).part();
                    default -> {
                        if (!activates(k) || hovered == null) {
                            return false;
                        }
                        selected = hovered;
                        onSelect.accept(selected);
                    }
                }
                redraw();
                return true;
            });
        }
    }

    /** Shows a model of L layers and H bits. */
    public void show(int layers, int bits) {
        boxes = DiagramPainter.boxes(layers, bits);
        if (selected != null && boxes.stream().noneMatch(b -> selected.equals(b.part()))) {
            selected = null;
        }
        redraw();
    }

    public void select(String part) {
        selected = part;
        redraw();
    }

    public String selected() {
        return selected;
    }

    /** The boxes drawn (ids and places), for tests and the page's keyboard access. */
    public List<DiagramPainter.Box> boxes() {
        return boxes;
    }

    /** The diagram as SVG at this pane's size. */
    public String svg() {
        SvgPen pen = new SvgPen(Math.max(1, getWidth()), Math.max(1, getHeight()), Palette.background());
        DiagramPainter.paint(pen, boxes, Math.max(1, getWidth()), Math.max(1, getHeight()), selected, null, compact);
        return pen.finish();
    }

    @Override
    public void redraw() {
        clear();
        DiagramPainter.paint(new CanvasPen(graphics()), boxes, getWidth(), getHeight(), selected, hovered, compact);
    }
}

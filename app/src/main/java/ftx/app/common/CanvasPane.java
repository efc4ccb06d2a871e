package ftx.app.common;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;

/**
 * A pane holding one canvas that fills it; subclasses draw everything in {@link #redraw()}
 * (no node per data point), which runs again whenever the size changes.
 */
public abstract class CanvasPane extends Pane {
    private final Canvas canvas = new Canvas();

    protected CanvasPane() {
        getChildren().add(canvas);
        Palette.versionProperty().addListener(new javafx.beans.value.WeakChangeListener<>(themeListener));
    }

    private final javafx.beans.value.ChangeListener<Number> themeListener = (o, was, now) -> redraw();

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            redraw(); // a resized canvas is blank
        }
    }

    protected Canvas canvas() {
        return canvas;
    }

    protected GraphicsContext graphics() {
        return canvas.getGraphicsContext2D();
    }

    /** Paints the background over the whole pane and returns the graphics context to draw on. */
    protected GraphicsContext clear() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Palette.background());
        g.fillRect(0, 0, getWidth(), getHeight());
        return g;
    }

    /**
     * Makes an interactive pane usable from the keyboard: Tab reaches it, a focus outline shows
     * (the "keyboard-canvas" style class), a click gives it the focus, and onKey gets each key press
     * (consumed when it returns true, so the arrows move the pane's cursor, not the focus).
     */
    protected void keyboard(java.util.function.Predicate<javafx.scene.input.KeyCode> onKey) {
        setFocusTraversable(true);
        getStyleClass().add("keyboard-canvas");
        addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> requestFocus());
        setOnKeyPressed(e -> {
            if (onKey.test(e.getCode())) {
                e.consume();
            }
        });
        focusedProperty().addListener((o, was, now) -> redraw());
    }

    /** True for the keys that act on the cursor: Enter or Space. */
    protected static boolean activates(javafx.scene.input.KeyCode k) {
        return k == javafx.scene.input.KeyCode.ENTER || k == javafx.scene.input.KeyCode.SPACE;
    }

    /** Draws the keyboard cursor: a dashed outline in the theme's text colour, when the pane has the focus. */
    protected void strokeCursor(GraphicsContext g, double x, double y, double w, double h) {
        if (!isFocused()) {
            return;
        }
        g.setStroke(Palette.text());
        g.setLineWidth(2);
        g.setLineDashes(4, 3);
        g.strokeRect(x, y, w, h);
        g.setLineDashes();
        g.setLineWidth(1);
    }

    /** Draws the whole pane. */
    public abstract void redraw();
}

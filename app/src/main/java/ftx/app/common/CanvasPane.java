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

    /** Draws the whole pane. */
    public abstract void redraw();
}

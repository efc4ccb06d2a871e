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
    }

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

    /** Draws the whole pane. */
    public abstract void redraw();
}

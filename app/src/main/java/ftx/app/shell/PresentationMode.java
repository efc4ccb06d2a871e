package ftx.app.shell;

import ftx.app.common.PresentationStyle;
import ftx.app.lesson.LessonPanel;
import ftx.app.train.TrainViewModel;
import java.util.Collection;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

/**
 * Presentation mode (F5): large type, high contrast, advanced controls hidden, the Lesson panel
 * shown and the window full screen. While presenting, Page Down / Page Up (what clickers send) and
 * the arrow keys step the lesson, P pauses and resumes training, Esc leaves. The keys are taken
 * before any control sees them, so a focused field or list cannot swallow them.
 */
final class PresentationMode {
    static final double LESSON_FONT = 22;
    private static final double NORMAL_LESSON_FONT = 14;
    private final BooleanProperty on = new SimpleBooleanProperty(false);
    private final MainWindow window;
    private final TrainViewModel train;
    private final Collection<Node> pages;

    PresentationMode(MainWindow window, TrainViewModel train, Collection<Node> pages) {
        this.window = window;
        this.train = train;
        this.pages = pages;
    }

    BooleanProperty onProperty() {
        return on;
    }

    void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F5) {
                set(!on.get());
                e.consume();
            } else if (on.get() && handle(e.getCode())) {
                e.consume();
            }
        });
    }

    /** A key while presenting: true when it is one of presentation mode's. */
    private boolean handle(KeyCode key) {
        LessonPanel lesson = window.lessonPanel();
        switch (key) {
            case PAGE_DOWN, RIGHT, DOWN -> lesson.viewModel().next();
            case PAGE_UP, LEFT, UP -> lesson.viewModel().back();
            case P -> {
                if (train.runningProperty().get() && !train.pausedProperty().get()) {
                    train.pause();
                } else if (train.runningProperty().get()) {
                    train.start(); // resumes
                }
            }
            case ESCAPE -> set(false);
            default -> {
                return false;
            }
        }
        return true;
    }

    private javafx.geometry.Rectangle2D before;

    /**
     * Full screen while presenting; the window is also sized to the screen, since without a window
     * manager (a bare X server, some projector set-ups) full screen alone may leave it as it was.
     */
    private void fill(Stage stage, boolean presenting) {
        if (presenting && before == null) {
            before = new javafx.geometry.Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
            javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getScreensForRectangle(before).stream().findFirst()
                    .orElse(javafx.stage.Screen.getPrimary()).getBounds();
            stage.setX(screen.getMinX());
            stage.setY(screen.getMinY());
            stage.setWidth(screen.getWidth());
            stage.setHeight(screen.getHeight());
        } else if (!presenting && before != null) {
            stage.setX(before.getMinX());
            stage.setY(before.getMinY());
            stage.setWidth(before.getWidth());
            stage.setHeight(before.getHeight());
            before = null;
        }
        stage.setFullScreenExitHint("");
        stage.setFullScreen(presenting);
    }

    void set(boolean presenting) {
        on.set(presenting);
        if (window.getScene() == null) {
            return;
        }
        Node root = window.getScene().getRoot();
        root.getStyleClass().remove(PresentationStyle.ROOT);
        if (presenting) {
            root.getStyleClass().add(PresentationStyle.ROOT);
            window.showLessons(true);
        }
        for (Node page : pages) {
            PresentationStyle.apply(page, presenting);
        }
        PresentationStyle.apply(window.getTop(), presenting);
        window.lessonPanel().fontSizeProperty().set(presenting ? LESSON_FONT : NORMAL_LESSON_FONT);
        if (window.getScene().getWindow() instanceof Stage stage) {
            fill(stage, presenting);
        }
    }
}

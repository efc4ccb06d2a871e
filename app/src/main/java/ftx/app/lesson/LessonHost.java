package ftx.app.lesson;

import ftx.engine.lesson.LessonStep;
import java.nio.file.Path;
import javafx.scene.Node;

/**
 * What a lesson drives: the live app. Every word of the lesson vocabulary
 * ({@code LessonVocabulary}) is implemented here; the Lesson panel knows only this.
 */
public interface LessonHost {
    /**
     * Counts of the events a check may wait for, taken when a step opens (or its question is
     * answered), so that only what happens afterwards counts.
     */
    record Marks(int generations, int pinnedGenerations, int forcedBits, int inspections, int flips) {
    }

    void showPage(String page);

    /** The control of that lesson name, on whatever page it is; null when it does not exist. */
    Node control(String name);

    /** Performs an action; null when done (or started), else why it cannot be done now. */
    String perform(LessonStep.Directive action, Path lessonFolder);

    /** True when the check holds, counting events after since. */
    boolean holds(LessonStep.Directive check, Marks since);

    Marks marks();

    /** A live value as text, "..." when there is nothing to show yet. */
    String value(String name);
}

package ftx.engine.lesson;

import java.util.List;

/**
 * A lesson read from its file: a title, an introduction and its steps, in order.
 *
 * @param title        the file's "# " heading
 * @param introduction the text before the first step ("" when none)
 * @param steps        at least one
 */
public record Lesson(String title, String introduction, List<LessonStep> steps) {
    public Lesson {
        steps = List.copyOf(steps);
    }
}

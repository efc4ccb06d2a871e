package ftx.engine.lesson;

import java.util.List;

/**
 * One step of a lesson. Every part but the title and text is optional (null).
 *
 * @param line      the line of its "## " heading, for messages
 * @param title     the heading
 * @param text      Markdown with $formulas$, $$display formulas$$ and {{live values}}
 * @param page      a page to show when the step opens
 * @param highlight a control to point at ({@link LessonVocabulary#CONTROLS})
 * @param action    what the panel's "Do it" button performs
 * @param predict   a question answered before the result shows
 * @param check     what must hold before the learner moves on
 * @param scenario  a scenario file to open with the step, relative to the lesson's folder
 */
public record LessonStep(int line, String title, String text, String page, String highlight, Directive action,
                         Prediction predict, Directive check, String scenario) {
    /** A word of the vocabulary with its argument ("" when it takes none). */
    public record Directive(String word, String argument) {
    }

    /**
     * A question, its options, the option the step expects (-1 = any answer is fine), and the text
     * shown once the check holds (Markdown, with live values).
     */
    public record Prediction(String question, List<String> options, int expected, String reveal) {
        public Prediction {
            options = List.copyOf(options);
        }
    }
}

package ftx.engine.lesson;

import java.util.List;
import java.util.stream.Collectors;

/** A lesson file that cannot be played, with every problem found and its line. */
public final class LessonFormatException extends Exception {
    private final List<LessonProblem> problems;

    public LessonFormatException(String source, List<LessonProblem> problems) {
        super(source + ": " + problems.stream().map(LessonProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<LessonProblem> problems() {
        return problems;
    }
}

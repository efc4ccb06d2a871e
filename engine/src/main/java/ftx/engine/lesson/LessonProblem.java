package ftx.engine.lesson;

/** One problem in a lesson file, at a 1-based line. */
public record LessonProblem(int line, String message) {
    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}

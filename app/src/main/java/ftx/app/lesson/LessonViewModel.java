package ftx.app.lesson;

import ftx.engine.lesson.Lesson;
import ftx.engine.lesson.LessonStep;
import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A lesson being played, without a display: the step shown, the learner's answer to its
 * question, whether its check holds. A step with a question hides its action, its page and its
 * result until it is answered, and only what happens after the answer counts towards its check.
 */
public final class LessonViewModel {
    private final LessonHost host;
    private final ObjectProperty<Lesson> lesson = new SimpleObjectProperty<>();
    private final IntegerProperty index = new SimpleIntegerProperty(-1);
    private final IntegerProperty answer = new SimpleIntegerProperty(-1);
    private final BooleanProperty done = new SimpleBooleanProperty(false);
    private final StringProperty message = new SimpleStringProperty("");
    private Path folder = Path.of(".");
    private Path file;
    private LessonHost.Marks since;

    public LessonViewModel(LessonHost host) {
        this.host = host;
    }

    /** Starts a lesson read from file at its first step; the file's folder resolves its scenario files. */
    public void open(Lesson l, Path lessonFile) {
        file = lessonFile.toAbsolutePath();
        folder = file.getParent();
        lesson.set(l);
        go(0);
    }

    /** The lesson's file (null when none is open). */
    public Path file() {
        return lesson.get() == null ? null : file;
    }

    /** Jumps to a step (a scenario's), its check not asked for. */
    public void goTo(int step) {
        if (lesson.get() != null && step >= 0 && step < lesson.get().steps().size()) {
            go(step);
        }
    }

    public void close() {
        lesson.set(null);
        index.set(-1);
    }

    public ObjectProperty<Lesson> lessonProperty() {
        return lesson;
    }

    public IntegerProperty indexProperty() {
        return index;
    }

    public IntegerProperty answerProperty() {
        return answer;
    }

    public BooleanProperty doneProperty() {
        return done;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public LessonStep step() {
        return lesson.get() == null || index.get() < 0 ? null : lesson.get().steps().get(index.get());
    }

    public boolean isLast() {
        return lesson.get() != null && index.get() == lesson.get().steps().size() - 1;
    }

    /** True while the step's question waits for an answer (its action and result stay hidden). */
    public boolean awaitingAnswer() {
        LessonStep s = step();
        return s != null && s.predict() != null && answer.get() < 0;
    }

    /** True once the step is answered (if asked) and its check holds (if any): Next may go on. */
    public boolean canGoOn() {
        LessonStep s = step();
        return s != null && !awaitingAnswer() && (s.check() == null || done.get());
    }

    /** True when the question's reveal may show. */
    public boolean revealed() {
        LessonStep s = step();
        return s != null && s.predict() != null && canGoOn();
    }

    public void answer(int option) {
        LessonStep s = step();
        if (s == null || s.predict() == null || answer.get() >= 0) {
            return;
        }
        since = host.marks(); // what happened before the answer does not count
        if (s.page() != null) {
            host.showPage(s.page()); // the page shows the result: only once the question is answered
        }
        answer.set(option);
        poll();
    }

    /** The step's action, through the app. */
    public void act() {
        LessonStep s = step();
        if (s == null || s.action() == null || awaitingAnswer()) {
            return;
        }
        String problem = host.perform(s.action(), folder);
        message.set(problem == null ? "" : problem);
    }

    /** Re-evaluates the check (the panel calls it a few times a second). */
    public void poll() {
        LessonStep s = step();
        if (s == null) {
            return;
        }
        done.set(s.check() == null || !awaitingAnswer() && host.holds(s.check(), since));
    }

    public void next() {
        if (canGoOn() && !isLast()) {
            go(index.get() + 1);
        }
    }

    public void back() {
        if (index.get() > 0) {
            go(index.get() - 1);
        }
    }

    private void go(int i) {
        LessonStep s = lesson.get().steps().get(i);
        if (s.page() != null && s.predict() == null) {
            host.showPage(s.page()); // before the step shows, so that its control can be outlined
        }
        answer.set(-1);
        done.set(false);
        message.set("");
        index.set(i);
        if (s.scenario() != null) {
            String problem = host.perform(new LessonStep.Directive("open-scenario", s.scenario()), folder);
            message.set(problem == null ? "" : problem);
        }
        since = host.marks();
        poll();
    }
}

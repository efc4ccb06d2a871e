package ftx.app.inspect;

import ftx.app.common.TaskRunner;
import ftx.engine.ModelHandle;
import ftx.engine.analysis.BitDictionary;
import ftx.engine.task.ReviewsTask;
import ftx.engine.task.SyntheticTask;
import ftx.engine.task.Task;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The bit dictionary's state on the Inspect page: the report for the loaded model (how much each
 * bit of Z tells about each known factor of its task) and a note that says what it shows or why
 * there is none. Measured on the task runner.
 */
final class DictionaryViewModel {
    /** Task samples encoded for the bit dictionary (about a second for the bundled models). */
    static final int SAMPLES = 256;

    private final TaskRunner tasks;
    private final ObjectProperty<BitDictionary.Report> report = new SimpleObjectProperty<>();
    private final StringProperty note = new SimpleStringProperty("");
    private final StringProperty empty = new SimpleStringProperty("Load a model.");

    DictionaryViewModel(TaskRunner tasks) {
        this.tasks = tasks;
    }

    ObjectProperty<BitDictionary.Report> reportProperty() {
        return report;
    }

    StringProperty noteProperty() {
        return note;
    }

    /** What the chart says when there is no report. */
    StringProperty emptyProperty() {
        return empty;
    }

    /** Measures m's dictionary; a result that arrives after another model was loaded (current) is dropped. */
    void measure(ModelHandle m, Supplier<ModelHandle> current) {
        report.set(null);
        Task task = m == null ? null : m.isSyntheticTask() ? new SyntheticTask() : m.isReviewsTask() ? new ReviewsTask() : null;
        if (m == null || task == null || m.latentBits() == 0) {
            note.set(m == null ? "" : m.latentBits() == 0 ? "This baseline has no Z."
                    : "This model's task has no known factors (a text file), so there is nothing to read the bits against.");
            empty.set(m == null ? "Load a model." : "");
            return;
        }
        empty.set("");
        note.set("Measuring on " + SAMPLES + " task samples...");
        tasks.run(() -> BitDictionary.measure(m.model(), task, SAMPLES, 1L), r -> {
            if (m != current.get()) {
                return; // another model was loaded meanwhile
            }
            note.set("Mutual information (nats) between each bit of Z_t and a known factor at position t, over "
                    + r.samples() + " task samples the encoder read; a row's maximum is its bound. The orange cell is the "
                    + "bit that tells most. Click a cell to see in Generate what the bit does: the same seed with it "
                    + "forced to 0, then to 1.");
            report.set(r);
        }, e -> note.set("Cannot measure the bit dictionary: " + e.getMessage()));
    }
}

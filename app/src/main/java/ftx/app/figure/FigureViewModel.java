package ftx.app.figure;

import ftx.app.common.TaskRunner;
import ftx.engine.ModelHandle;
import ftx.engine.analysis.SyntheticEvaluation;
import ftx.engine.task.SyntheticTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Figure 4 page's state: four panels, each a model of the synthetic task evaluated by the
 * group method with one prompt letter for all, the same seed and group size ({@code ftx evaluate
 * --letter C --groups G --seed N} gives the same numbers). Defaults: the four bundled kappa models.
 */
public final class FigureViewModel {
    /** The bundled models of the paper's four kappa values, in the figure's order. */
    public static final List<String> BUNDLED = List.of("synthetic-kappa-1-64-bit", "synthetic-kappa-1-8-bit",
            "synthetic-kappa-1-bit", "synthetic-kappa-8-bit");
    private final List<FigurePanelData> panels = new ArrayList<>();
    private final StringProperty status = new SimpleStringProperty("Press Regenerate all to generate the four panels.");
    private final IntegerProperty version = new SimpleIntegerProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private char letter = 'C';
    private int groups = 20;
    private long seed = 1;
    private int pending;

    private final TaskRunner tasks;

    /** The four bundled kappa models from sampleModels; evaluations run on tasks. */
    public FigureViewModel(Path sampleModels, TaskRunner tasks) {
        this.tasks = tasks;
        for (String name : BUNDLED) {
            panels.add(FigurePanelData.pending(sampleModels.resolve(name)));
        }
    }

    /** The evaluation every panel runs: groups of 5, no fresh-data numbers, temperature 1. */
    public SyntheticEvaluation.Settings settings() {
        return new SyntheticEvaluation.Settings(groups, 5, 0, 1.0, seed, letter);
    }

    /** Sets the prompt letter, group count and seed (refused, unchanged, with the engine's message, when invalid). */
    public void configure(char letter, int groups, long seed) {
        new SyntheticEvaluation.Settings(Math.max(groups, 2), 5, 0, 1.0, seed, letter); // validates the letter
        if (groups < 2 || groups > 200) {
            throw new IllegalArgumentException("groups must be 2..200 (each panel shows two shared-Z groups), got " + groups);
        }
        this.letter = letter;
        this.groups = groups;
        this.seed = seed;
    }

    public List<FigurePanelData> panels() {
        return List.copyOf(panels);
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** Increments when a panel changed. */
    public IntegerProperty versionProperty() {
        return version;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Puts a model (checkpoint folder) into panel i and evaluates it. */
    public void setModel(int i, Path dir) {
        panels.set(i, FigurePanelData.pending(dir));
        evaluate(i);
    }

    /** Evaluates every panel again with the current settings. */
    public void regenerateAll() {
        for (int i = 0; i < panels.size(); i++) {
            evaluate(i);
        }
    }

    private void evaluate(int i) {
        Path dir = panels.get(i).dir();
        SyntheticEvaluation.Settings s = settings();
        pending++;
        busy.set(true);
        status.set("Generating " + pending + " panel(s)...");
        tasks.run(() -> evaluate(dir, s), p -> done(i, p), e -> done(i, new FigurePanelData(dir, null, message(e), null)));
    }

    /** What a panel shows for a model folder (on any thread): the same numbers as ftx evaluate, and the recipe. */
    public static FigurePanelData evaluate(Path dir, SyntheticEvaluation.Settings s) throws Exception {
        ModelHandle m = ModelHandle.open(dir);
        if (!m.vocabulary().symbols().equals(SyntheticTask.SYMBOLS)) {
            throw new IllegalArgumentException(dir.getFileName() + " is not a model of the synthetic task (its symbols are \""
                    + m.vocabulary().symbols() + "\"): the figure is the synthetic task's");
        }
        return new FigurePanelData(dir, SyntheticEvaluation.run(m.model(), s), null, m.followsPaper() ? null : m.recipe());
    }

    private void done(int i, FigurePanelData p) {
        if (p.dir().equals(panels.get(i).dir())) { // a newer model may have been dropped meanwhile
            panels.set(i, p);
        }
        pending--;
        busy.set(pending > 0);
        status.set(pending > 0 ? "Generating " + pending + " panel(s)..." : String.format(
                "Each panel: %d groups of 5 per mode from the prompt \"%c>\", seed %d. ftx evaluate --letter %c --groups %d "
                        + "--seed %d gives the same numbers.", groups, letter, seed, letter, groups, seed));
        version.set(version.get() + 1);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    public String exportJson() throws Exception {
        return FigureExport.json(panels, settings());
    }

    public String exportCsv() {
        return FigureExport.csv(panels);
    }
}

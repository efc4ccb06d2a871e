package ftx.app.models;

import ftx.app.AppContext;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Models page's state without controls: the sample models and saved runs, a message line,
 * and the two runs' histories being compared. Checkpoints and histories are read on the app
 * context's task runner; Load makes a model the context's current one.
 */
public final class ModelsViewModel {
    /** Two runs' curves: each history is {steps, CE, KL per token}. */
    public record Comparison(String first, String second, double[][] firstHistory, double[][] secondHistory) {
    }

    private final AppContext ctx;
    private final ObservableList<ModelEntry> entries = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final ObjectProperty<Comparison> comparison = new SimpleObjectProperty<>();

    public ModelsViewModel(AppContext ctx) {
        this.ctx = ctx;
        refresh();
    }

    public ObservableList<ModelEntry> entries() {
        return entries;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public ObjectProperty<Comparison> comparisonProperty() {
        return comparison;
    }

    /** Lists the sample models and the saved runs again. */
    public void refresh() {
        entries.setAll(ModelCatalog.list(ctx.sampleModels(), ctx.runs()));
    }

    /** Opens e's checkpoint and makes it the current model, or says why it cannot. */
    public void load(ModelEntry e) {
        if (e == null) {
            message.set("Select a model first.");
            return;
        }
        message.set("Loading " + e.name() + "...");
        ctx.open(new AppContext.ModelRef(e.name(), e.dir(), e.summary()), m -> {
            message.set("Loaded " + e.name() + ": " + m.latentBits() + " latent bits, vocabulary \""
                    + m.vocabulary().symbols() + "\". Inspect and Generate now work on it.");
        }, err -> message.set("Cannot load " + e.name() + ": " + err.getMessage()));
    }

    /** Reads two runs' histories for the comparison chart (exactly two runs among the selected). */
    public void compare(List<ModelEntry> selected) {
        List<ModelEntry> runs = selected.stream().filter(x -> x.kind().equals("run")).toList();
        if (runs.size() != 2) {
            message.set("Select exactly two runs to compare (Ctrl+click).");
            return;
        }
        ModelEntry a = runs.get(0);
        ModelEntry b = runs.get(1);
        ctx.tasks().run(() -> List.of(ModelCatalog.history(a.dir()), ModelCatalog.history(b.dir())), h -> {
            comparison.set(new Comparison(a.name(), b.name(), h.get(0), h.get(1)));
            message.set("Comparing " + a.name() + " and " + b.name() + ".");
        }, err -> message.set("Cannot read the runs' histories: " + err.getMessage()));
    }
}

package ftx.app;

import ftx.app.models.RunStore;
import ftx.engine.ModelHandle;
import java.nio.file.Path;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What every view shares: where runs are saved, where the bundled sample models are, and the
 * model currently loaded for inspection and generation.
 */
public final class AppContext {
    /** A model the user picked: its name, checkpoint folder and a one-line summary. */
    public record ModelRef(String name, Path dir, String summary) {
    }

    private final Path home;
    private final Path sampleModels;
    private final RunStore runs;
    private final ObjectProperty<ModelRef> currentModel = new SimpleObjectProperty<>();
    private final ObjectProperty<ModelHandle> loadedModel = new SimpleObjectProperty<>();

    public AppContext(Path home, Path sampleModels) {
        this.home = home;
        this.sampleModels = sampleModels;
        this.runs = new RunStore(home.resolve("runs"));
    }

    /** Folders from system properties ftx.home (default ~/.ftx) and ftx.samples (default ./sample-models). */
    public static AppContext fromSystem() {
        Path home = Path.of(System.getProperty("ftx.home", Path.of(System.getProperty("user.home"), ".ftx").toString()));
        Path samples = Path.of(System.getProperty("ftx.samples", "sample-models"));
        return new AppContext(home, samples);
    }

    public Path home() {
        return home;
    }

    public Path sampleModels() {
        return sampleModels;
    }

    public RunStore runs() {
        return runs;
    }

    public ObjectProperty<ModelRef> currentModelProperty() {
        return currentModel;
    }

    /** The opened model that Inspect and Generate work on (null until one is loaded). */
    public ObjectProperty<ModelHandle> loadedModelProperty() {
        return loadedModel;
    }

    /** Makes a loaded model current (on the FX thread). */
    public void setLoaded(ModelRef ref, ModelHandle handle) {
        loadedModel.set(handle);
        currentModel.set(ref);
    }
}

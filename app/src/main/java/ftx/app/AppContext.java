package ftx.app;

import ftx.app.common.FxTaskRunner;
import ftx.app.common.TaskRunner;
import ftx.app.models.RunStore;
import ftx.engine.ModelHandle;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What every view shares: where runs are saved, where the bundled sample models are, the model
 * currently loaded for inspection and generation, the runner for work off the FX thread, and the
 * hand-over of chosen latent codes from one page to another (Inspect to Generate).
 */
public final class AppContext {
    /** A model the user picked: its name, checkpoint folder and a one-line summary. */
    public record ModelRef(String name, Path dir, String summary) {
    }

    /**
     * A request to steer generation: pin these Z codes (one per position), or show what one bit
     * of Z does (bit >= 0, z null). Each request has its own serial number, so that two equal
     * requests in a row (the same bit clicked twice) are both seen by the listeners.
     */
    public record SteerRequest(int[] z, int bit, long serial) {
    }

    private final Path home;
    private final Path sampleModels;
    private final RunStore runs;
    private final ObjectProperty<ModelRef> currentModel = new SimpleObjectProperty<>();
    private final ObjectProperty<ModelHandle> loadedModel = new SimpleObjectProperty<>();
    private final ObjectProperty<SteerRequest> steerRequest = new SimpleObjectProperty<>();
    private final TaskRunner tasks;
    private long steerSerial;

    public AppContext(Path home, Path sampleModels) {
        this(home, sampleModels, FxTaskRunner.INSTANCE);
    }

    public AppContext(Path home, Path sampleModels, TaskRunner tasks) {
        this.home = home;
        this.sampleModels = sampleModels;
        this.runs = new RunStore(home.resolve("runs"));
        this.tasks = tasks;
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

    /** The bundled lessons: assets/lessons beside the sample models (or -Dftx.lessons=DIR). */
    public Path lessons() {
        String given = System.getProperty("ftx.lessons");
        return given != null ? Path.of(given) : sampleModels().toAbsolutePath().normalize().resolveSibling("assets")
                .resolve("lessons");
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

    /** Runs work off the FX thread with its callbacks on it (the same thread in tests). */
    public TaskRunner tasks() {
        return tasks;
    }

    /** The latest request to steer generation (Generate acts on it; the window shows Generate). */
    public ObjectProperty<SteerRequest> steerRequestProperty() {
        return steerRequest;
    }

    /** Asks the Generate page to pin these Z codes, one per position. */
    public void requestPin(int[] z) {
        steerRequest.set(new SteerRequest(z.clone(), -1, ++steerSerial));
    }

    /** Asks the Generate page to show what this bit of Z does (forced to 0, then to 1). */
    public void requestBitExplained(int bit) {
        steerRequest.set(new SteerRequest(null, bit, ++steerSerial));
    }

    /**
     * Opens ref's checkpoint on the task runner and makes it the current model; then onLoaded
     * (or onError with why it cannot be opened) runs on the FX thread.
     */
    public void open(ModelRef ref, Consumer<ModelHandle> onLoaded, Consumer<Throwable> onError) {
        tasks.run(() -> ModelHandle.open(ref.dir()), m -> {
            setLoaded(ref, m);
            onLoaded.accept(m);
        }, onError);
    }

    /** Makes a loaded model current (on the FX thread). */
    public void setLoaded(ModelRef ref, ModelHandle handle) {
        currentModel.set(ref); // first: views that follow the loaded model read its name
        loadedModel.set(handle);
    }

    /** "Model: NAME (H = 8)", or how to load one: the line the pages show above their work. */
    public javafx.beans.binding.StringBinding modelLine() {
        return javafx.beans.binding.Bindings.createStringBinding(() -> loadedModel.get() == null || currentModel.get() == null
                ? "No model loaded: load one on the Models page (Ctrl+5)."
                : "Model: " + currentModel.get().name() + " (H = " + loadedModel.get().latentBits() + ")", loadedModel,
                currentModel);
    }
}

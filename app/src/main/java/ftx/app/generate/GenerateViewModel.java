package ftx.app.generate;

import ftx.app.common.TaskRunner;
import ftx.engine.ModelHandle;
import ftx.engine.task.ReviewsTask;
import ftx.engine.task.SyntheticTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State of the Generate page without controls (testable without a display): the model, the
 * Figure 4 settings, the pinned Z, the bit of the "what does bit h do" action, and what the last
 * generation produced. Generation runs through a {@link TaskRunner} (the app context's; the
 * calling thread in tests); properties change only in its callbacks, on the FX thread.
 */
public final class GenerateViewModel {
    private enum Action { FIGURE4, BIT_PAIR }

    /** The prompt before any model is loaded (the synthetic task's). */
    private static final String FIRST_PROMPT = "A>";

    private final TaskRunner runner;
    private final ObjectProperty<ModelHandle> model = new SimpleObjectProperty<>();
    private final StringProperty modelName = new SimpleStringProperty("");
    private final StringProperty prompt = new SimpleStringProperty(FIRST_PROMPT);
    private final DoubleProperty temperature = new SimpleDoubleProperty(1.0);
    private final IntegerProperty seed = new SimpleIntegerProperty(1);
    private final IntegerProperty groups = new SimpleIntegerProperty(4);
    private final IntegerProperty samplesPerGroup = new SimpleIntegerProperty(5);
    private final IntegerProperty newSymbols = new SimpleIntegerProperty(defaultNewSymbols(null));
    private final StringProperty pinnedZ = new SimpleStringProperty("");
    private final IntegerProperty bit = new SimpleIntegerProperty(0);
    private final IntegerProperty latentBits = new SimpleIntegerProperty(0);
    private final BooleanProperty latentAvailable = new SimpleBooleanProperty(false);
    private final BooleanProperty synthetic = new SimpleBooleanProperty(false);
    private final StringProperty zNote = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObjectProperty<GenerationOutcome> outcome = new SimpleObjectProperty<>();
    private final DoubleProperty lastMillis = new SimpleDoubleProperty(Double.NaN);
    private GenerationOutcome lastFigure4;
    private Action pending;
    private String note = "";

    public GenerateViewModel(TaskRunner runner) {
        this.runner = runner;
        model.addListener((o, was, now) -> modelChanged(was, now));
    }

    private void modelChanged(ModelHandle was, ModelHandle m) {
        outcome.set(null);
        lastFigure4 = null;
        pinnedZ.set("");
        error.set("");
        status.set("");
        lastMillis.set(Double.NaN);
        int h = m == null ? 0 : m.latentBits();
        latentBits.set(h);
        latentAvailable.set(h > 0);
        synthetic.set(m != null && m.isSyntheticTask());
        bit.set(0);
        zNote.set(m == null ? "" : h == 0 ? "baseline: no Z (a plain decoder), so nothing to pin, share or flip"
                : "H = " + h + " bits: indices 0.." + ((1 << h) - 1) + ", -1 = free");
        if (m == null) {
            return;
        }
        // the task's defaults replace a prompt the model cannot read, and values left at the previous model's defaults
        if (!encodable(m, prompt.get()) || (was != null && prompt.get().equals(defaultPrompt(was)))) {
            prompt.set(defaultPrompt(m));
        }
        if (newSymbols.get() == defaultNewSymbols(was)) {
            newSymbols.set(defaultNewSymbols(m));
        }
    }

    /** "A>" for the synthetic task, ">" for reviews, else the vocabulary's first symbol. */
    static String defaultPrompt(ModelHandle m) {
        if (m.isSyntheticTask()) {
            return FIRST_PROMPT;
        }
        return m.isReviewsTask() ? String.valueOf(ReviewsTask.PROMPT) : m.vocabulary().symbols().substring(0, 1);
    }

    /** A whole sample: 80 symbols (a full review) for reviews, else 64 (the synthetic body); null: no model yet. */
    static int defaultNewSymbols(ModelHandle m) {
        return m != null && m.isReviewsTask() ? ReviewsTask.BODY_LENGTH : SyntheticTask.BODY_LENGTH;
    }

    private static boolean encodable(ModelHandle m, String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        return text.chars().allMatch(c -> m.vocabulary().contains((char) c));
    }

    /** The current settings as one value. */
    public GenerateSettings settings() {
        return new GenerateSettings(prompt.get(), temperature.get(), seed.get(), groups.get(), samplesPerGroup.get(),
                newSymbols.get());
    }

    /** Generates the Figure 4 layout (fresh group, then G shared groups) with the current pins. */
    public void generate() {
        submit(Action.FIGURE4);
    }

    /** "What does bit h do": S samples with bit h forced to 0, then to 1, same seed. */
    public void explainBit() {
        submit(Action.BIT_PAIR);
    }

    /**
     * Pins the Z of an inspected sequence (one index per position, as Inspect shows them) and
     * regenerates. Codes beyond the generated sequence's input positions are dropped (said in the
     * status line).
     */
    public void pinFrom(int[] z) {
        ModelHandle m = model.get();
        if (m == null) {
            error.set("Load a model on the Models page first.");
            return;
        }
        if (m.latentBits() == 0) {
            error.set("baseline: no Z to pin.");
            return;
        }
        int inputs = settings().inputs();
        int[] use = z.length > inputs ? Arrays.copyOf(z, inputs) : z.clone();
        pinnedZ.set(PinnedZ.format(use));
        note = z.length > inputs ? "Pinned the first " + inputs + " of " + z.length + " codes (a generated sequence has "
                + inputs + " input positions). " : "";
        generate();
    }

    /** Frees every position. */
    public void clearPins() {
        pinnedZ.set("");
    }

    /** Writes the numbers shown (samples, Z, factors, group metrics) as JSON. */
    public void exportJson(Path file) throws IOException {
        GenerationOutcome o = outcome.get();
        if (o == null) {
            throw new IllegalStateException("nothing generated yet: press Generate first");
        }
        ModelHandle m = model.get();
        String task = m == null ? "none" : TaskReading.of(m).map(TaskReading::task).orElse("none");
        OutcomeJson.write(o, modelName.get(), latentBits.get(), task, file);
    }

    /** Shows a message in the error line (e.g. a failed export). */
    public void showError(String message) {
        error.set(message);
    }

    private void submit(Action action) {
        if (busy.get()) {
            pending = action; // run once the current generation is done (pins typed while it ran)
            return;
        }
        error.set("");
        ModelHandle m = model.get();
        if (m == null) {
            error.set("No model loaded: load a model on the Models page.");
            return;
        }
        GenerateSettings s = settings();
        int[] pins;
        try {
            s.validate(m);
            pins = m.latentBits() == 0 ? new int[0] : PinnedZ.parse(pinnedZ.get(), 1 << m.latentBits(), s.inputs());
            if (action == Action.BIT_PAIR && (bit.get() < 0 || bit.get() >= m.latentBits())) {
                throw new IllegalArgumentException(m.latentBits() == 0 ? "baseline: no Z, so no bits to force"
                        : "bit h must be in 0.." + (m.latentBits() - 1) + ", got " + bit.get());
            }
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage() + " (nothing generated)");
            return;
        }
        GenerationOutcome reference = lastFigure4;
        int h = bit.get();
        busy.set(true);
        status.set("Generating...");
        runner.run(() -> action == Action.FIGURE4 ? GroupGenerator.figure4(m, s, pins, reference)
                : GroupGenerator.bitPair(m, s, pins, h), o -> done(m, o), e -> failed(m, e));
    }

    private void done(ModelHandle m, GenerationOutcome o) {
        busy.set(false);
        if (model.get() == m) {
            outcome.set(o);
            if (o.kind() == GenerationOutcome.Kind.FIGURE4) {
                lastFigure4 = o;
            }
            lastMillis.set(o.milliseconds());
            status.set(note + describe(o));
        }
        note = "";
        runPending();
    }

    private void failed(ModelHandle m, Throwable e) {
        busy.set(false);
        status.set("");
        if (model.get() == m) {
            error.set("Generation failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        runPending();
    }

    private void runPending() {
        Action next = pending;
        pending = null;
        if (next != null) {
            submit(next);
        }
    }

    private static String describe(GenerationOutcome o) {
        GenerateSettings s = o.settings();
        int pinned = PinnedZ.count(o.pins());
        return "Generated " + o.sampleCount() + " samples x " + s.newSymbols() + " symbols in " + Format.millis(o.milliseconds())
                + " (seed " + s.seed() + (pinned > 0 ? ", " + pinned + " positions pinned" : "") + ")."
                + (o.comparedTo().isEmpty() ? "" : " Changed symbols are marked against " + o.comparedTo() + ".");
    }

    public ObjectProperty<ModelHandle> modelProperty() {
        return model;
    }

    /** The model's name for the export. */
    public StringProperty modelNameProperty() {
        return modelName;
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    /** G, the number of shared-Z groups. */
    public IntegerProperty groupsProperty() {
        return groups;
    }

    /** S, samples per group. */
    public IntegerProperty samplesPerGroupProperty() {
        return samplesPerGroup;
    }

    public IntegerProperty newSymbolsProperty() {
        return newSymbols;
    }

    /** The "Pinned Z" field: one index per input position, -1 = free. */
    public StringProperty pinnedZProperty() {
        return pinnedZ;
    }

    /** h of "what does bit h do". */
    public IntegerProperty bitProperty() {
        return bit;
    }

    /** H of the loaded model (0 for the baseline or no model). */
    public ReadOnlyIntegerProperty latentBitsProperty() {
        return latentBits;
    }

    /** Whether the Z controls apply (a model with H > 0 is loaded). */
    public ReadOnlyBooleanProperty latentAvailableProperty() {
        return latentAvailable;
    }

    /** Whether the model speaks the synthetic task's vocabulary (prompt = a letter and '>'). */
    public ReadOnlyBooleanProperty syntheticProperty() {
        return synthetic;
    }

    /** What the Z controls do for this model ("baseline: no Z ..." for H = 0). */
    public ReadOnlyStringProperty zNoteProperty() {
        return zNote;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** Why nothing was generated ("" when fine). */
    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    /** What the last generation produced (null before the first, or after a model change). */
    public ReadOnlyObjectProperty<GenerationOutcome> outcomeProperty() {
        return outcome;
    }

    /** Wall time of the last generation's engine call(s) in ms (NaN before the first). */
    public ReadOnlyDoubleProperty lastMillisProperty() {
        return lastMillis;
    }
}

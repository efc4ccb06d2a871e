package ftx.app.train;

import ftx.engine.model.KlBudget;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * The hyperparameters in a ControlsFX property sheet. Every edit is validated by the engine's own
 * config records: a value that makes the settings invalid is refused (the field keeps its old
 * value), the field is marked, and the message names the problem.
 */
public final class SettingsSheet {
    static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    private final TrainSettings settings;
    private final PropertySheet sheet = new PropertySheet();
    private final StringProperty message = new SimpleStringProperty("");
    private final List<Item<?>> items;

    public SettingsSheet(TrainSettings settings) {
        this.settings = settings;
        this.items = List.of(
                item("Task", "Task", "The paper's synthetic task (letter block + noise), short movie reviews whose sentiment is "
                        + "decided before any word shows it, or a text file (character level).",
                        TrainSettings.TaskKind.class, () -> settings.task, (s, v) -> s.task = v),
                item("Task", "Text file", "Path of a UTF-8 text file for the character-level task.", String.class,
                        () -> settings.textFile == null ? "" : settings.textFile.toString(),
                        (s, v) -> s.textFile = v.isBlank() ? null : java.nio.file.Path.of(v.trim())),
                item("Task", "Sequence length", "Symbols per training window of the text task.", Integer.class,
                        () -> settings.sequenceLength, (s, v) -> s.sequenceLength = v),
                item("Model", "Width D", "d_model: width of the residual stream.", Integer.class, () -> settings.dModel,
                        (s, v) -> s.dModel = v),
                item("Model", "Layers L", "Number of blocks (even): Z is injected after block L/2.", Integer.class,
                        () -> settings.layers, (s, v) -> s.layers = v),
                item("Model", "Heads", "Attention heads; D must be divisible by it.", Integer.class, () -> settings.heads,
                        (s, v) -> s.heads = v),
                item("Model", "MLP hidden F", "Hidden size of the SwiGLU MLP.", Integer.class, () -> settings.ffnHidden,
                        (s, v) -> s.ffnHidden = v),
                item("Latent Z", "Latent bits H", "H: Z has 2^H codes per token, drawn bit by bit. 0 = the plain "
                        + "decoder baseline without Z.", Integer.class, () -> settings.latentBits, (s, v) -> s.latentBits = v),
                item("Latent Z", "Kappa (bits)", "Free-bits budget per token: KL below kappa costs nothing, so Z may "
                        + "carry up to kappa bits of information about the sequence for free.", Double.class,
                        () -> settings.kappaBits, (s, v) -> s.kappaBits = v),
                item("Latent recipe", "KL budget", "Where the free-bits hinge applies. Per token (the default, SPEC's "
                        + "reading of the paper): kappa for every token of every sequence. Per position (free bits as Kingma "
                        + "et al. average them): kappa for each position's KL averaged over the batch, so one sequence may "
                        + "spend more where others spend less. Per sequence: T x kappa per sequence. One for the batch: "
                        + "T x kappa on average over the whole batch.", KlBudget.class, () -> settings.klBudget, (s, v) -> s.klBudget = v),
                item("Latent recipe", "Latent LR scale", "Learning-rate multiplier for the encoder, W_post and zeta "
                        + "(1 = the paper).", Double.class, () -> settings.latentLrScale, (s, v) -> s.latentLrScale = v),
                item("Latent recipe", "Kappa start (bits)", "0 = constant kappa. Otherwise kappa starts here and "
                        + "falls geometrically to Kappa over the warm-up steps.", Double.class,
                        () -> settings.kappaStartBits, (s, v) -> s.kappaStartBits = v),
                item("Latent recipe", "Kappa warm-up steps", "Steps over which kappa falls from its start.",
                        Integer.class, () -> settings.kappaWarmupSteps, (s, v) -> s.kappaWarmupSteps = v),
                item("Latent recipe", "Kappa cycle steps", "0 = one warm-up. Otherwise the warm-up is cut into cycles "
                        + "of this many steps: in each, kappa falls from its start to Kappa over the first half and holds "
                        + "over the second, so the encoder gets several chances to settle on what Z says (after Fu et al. "
                        + "2019). The warm-up must hold a whole number of cycles.", Integer.class,
                        () -> settings.kappaCycleSteps, (s, v) -> s.kappaCycleSteps = v),
                item("Latent recipe", "Kappa hold (bits)", "0 = no hold. Otherwise the warm-up pauses at this budget, "
                        + "between Kappa start and Kappa, for the hold steps before its last step down, so that the decoder "
                        + "learns to read what Z says at that budget first.", Double.class,
                        () -> settings.kappaHoldBits, (s, v) -> s.kappaHoldBits = v),
                item("Latent recipe", "Kappa hold steps", "Steps of the hold; the warm-up ends this many steps later.",
                        Integer.class, () -> settings.kappaHoldSteps, (s, v) -> s.kappaHoldSteps = v),
                item("Latent recipe", "Capacity gamma", "0 = the free-bits hinge max(0, KL - kappa): below kappa the "
                        + "KL is free and nothing pushes it. Otherwise the two-sided target gamma |KL - kappa| (Burgess et "
                        + "al. 2018): a Z that drifts below its budget is pushed back up (not the paper's loss).",
                        Double.class, () -> settings.capacityGamma, (s, v) -> s.capacityGamma = v),
                item("Latent recipe", "Matching lambda", "0 = off. Otherwise adds lambda x the KL of the batch's mean "
                        + "bit probabilities against 1/2, per position: the codes the encoder uses, over the batch, are "
                        + "pulled toward the codes the prior draws at generation (not the paper's loss).", Double.class,
                        () -> settings.matchingLambda, (s, v) -> s.matchingLambda = v),
                item("Latent recipe", "Freeze encoder at step", "0 = the encoder learns to the end. Otherwise, "
                        + "from this step on Q(Z|S) keeps its weights (the embedding, the first L/2 blocks and the encoder), "
                        + "so what Z says stops changing, and only the decoder's second half, W_post and the head learn on.",
                        Integer.class, () -> settings.encoderFreezeStep, (s, v) -> s.encoderFreezeStep = v),
                item("Latent recipe", "Prior-Z share", "0 = the paper. Otherwise this share of each batch is decoded "
                        + "with Z drawn from the prior instead of the encoder's, so the decoder also learns what to do when "
                        + "Z says nothing useful, as it will at generation (not the paper's loss).", Double.class,
                        () -> settings.priorZShare, (s, v) -> s.priorZShare = v),
                item("Latent recipe", "Prior-Z from step", "The step from which the prior-Z share applies (0 = from "
                        + "the start; after the encoder is frozen, it teaches the decoder without moving what Z says).",
                        Integer.class, () -> settings.priorZFrom, (s, v) -> s.priorZFrom = v),
                item("Optimizer", "Steps", "Optimizer steps of the run.", Integer.class, () -> settings.steps,
                        (s, v) -> s.steps = v),
                item("Optimizer", "Batch", "Sequences per step.", Integer.class, () -> settings.batchSize,
                        (s, v) -> s.batchSize = v),
                item("Optimizer", "Learning rate", "Peak AdamW learning rate (warm-up, then cosine decay).", Double.class,
                        () -> settings.learningRate, (s, v) -> s.learningRate = v),
                item("Optimizer", "Warm-up steps", "Linear warm-up of the learning rate.", Integer.class,
                        () -> settings.warmupSteps, (s, v) -> s.warmupSteps = v),
                item("Optimizer", "Weight decay", "Decoupled AdamW decay on matrices.", Double.class,
                        () -> settings.weightDecay, (s, v) -> s.weightDecay = v),
                item("Optimizer", "Gradient clip", "Global gradient-norm clip (0 = off).", Double.class,
                        () -> settings.gradClip, (s, v) -> s.gradClip = v),
                item("Optimizer", "Seed", "Seeds the weights, the data and the mapper's uniforms: same seed, same run.",
                        Long.class, () -> settings.seed, (s, v) -> s.seed = v),
                item("Optimizer", "Autosave every", "Checkpoint interval in steps (0 = only when the run stops).",
                        Integer.class, () -> settings.saveEvery, (s, v) -> s.saveEvery = v),
                item("Machine", "Probe every (s)", "Seconds of training between two looks at what Z decides (the chart "
                        + "under the loss): a copy of the weights is measured on its own thread, never more than about a "
                        + "tenth of the time. 0 = no probe. The run's numbers are the same either way.", Double.class,
                        () -> settings.probeSeconds, (s, v) -> s.probeSeconds = v),
                item("Machine", "Training threads", "Threads per training step: 2 splits every batch between two "
                        + "cores (1.6-1.9x faster on two cores), 1 leaves a core free for the rest of the desktop. "
                        + "The run's numbers are the same either way; applies when a run starts.", Integer.class,
                        () -> settings.trainingThreads, (s, v) -> s.trainingThreads = v));
        sheet.getItems().setAll(items);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        DefaultPropertyEditorFactory defaults = new DefaultPropertyEditorFactory();
        sheet.setPropertyEditorFactory(it -> decorate(defaults.call(it), (Item<?>) it));
    }

    public PropertySheet node() {
        return sheet;
    }

    /** The last refusal, naming the field, or "". */
    public StringProperty messageProperty() {
        return message;
    }

    /** Re-reads every value from the settings (after a preset was applied). */
    public void refresh() {
        items.forEach(Item::reload);
    }

    /** The value a field shows, by its name. */
    public Object shown(String name) {
        return items.stream().filter(i -> i.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no setting named " + name)).getValue();
    }

    /** Sets a field by its name as the user would (for tests and keyboard-driven use); false if refused. */
    public boolean edit(String name, Object value) {
        for (Item<?> i : items) {
            if (i.getName().equals(name)) {
                i.setValue(value);
                return i.error.get() == null;
            }
        }
        throw new IllegalArgumentException("no setting named " + name);
    }

    private static PropertyEditor<?> decorate(PropertyEditor<?> editor, Item<?> item) {
        Node n = editor.getEditor();
        item.error.addListener((o, was, msg) -> {
            n.pseudoClassStateChanged(INVALID, msg != null);
            Tooltip.install(n, new Tooltip(msg != null ? msg : item.getDescription()));
        });
        Tooltip.install(n, new Tooltip(item.getDescription()));
        return editor;
    }

    private <T> Item<T> item(String category, String name, String description, Class<T> type, Supplier<T> get,
                             BiConsumer<TrainSettings, T> set) {
        return new Item<>(category, name, description, type, get, set);
    }

    /** One row of the sheet, bound to a field of the settings. */
    final class Item<T> implements PropertySheet.Item {
        private final String category;
        private final String name;
        private final String description;
        private final Class<T> type;
        private final Supplier<T> get;
        private final BiConsumer<TrainSettings, T> set;
        private final ObjectProperty<Object> value = new SimpleObjectProperty<>();
        private final ObjectProperty<String> error = new SimpleObjectProperty<>();

        Item(String category, String name, String description, Class<T> type, Supplier<T> get, BiConsumer<TrainSettings, T> set) {
            this.category = category;
            this.name = name;
            this.description = description;
            this.type = type;
            this.get = get;
            this.set = set;
            value.set(get.get());
        }

        void reload() {
            value.set(get.get());
            error.set(null);
        }

        @Override
        public Class<?> getType() {
            return type;
        }

        @Override
        public String getCategory() {
            return category;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public Object getValue() {
            return value.get();
        }

        @Override
        public void setValue(Object v) {
            T typed = coerce(v);
            if (typed == null) {
                refuse(name + ": \"" + v + "\" is not a valid " + type.getSimpleName().toLowerCase());
                return;
            }
            TrainSettings trial = settings.copy();
            set.accept(trial, typed);
            String problem = trial.validate();
            if (problem != null && !problem.startsWith("choose a text file")) {
                refuse(name + ": " + problem + " (kept " + get.get() + ")");
                return;
            }
            set.accept(settings, typed);
            error.set(null);
            message.set("");
            value.set(typed);
        }

        private void refuse(String why) {
            error.set(why);
            message.set(why);
            value.set(get.get());
        }

        @SuppressWarnings("unchecked")
        private T coerce(Object v) {
            if (v == null) {
                return null;
            }
            if (type.isInstance(v)) {
                return (T) v;
            }
            Function<String, Object> parse = type == Integer.class ? Integer::valueOf : type == Double.class ? Double::valueOf
                    : type == Long.class ? Long::valueOf : type == String.class ? s -> s : null;
            try {
                if (v instanceof Number num) {
                    Object converted = type == Integer.class ? (Object) num.intValue() : type == Double.class
                            ? (Object) num.doubleValue() : type == Long.class ? (Object) num.longValue() : null;
                    return (T) converted;
                }
                return parse == null ? null : (T) parse.apply(v.toString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.of(value);
        }
    }
}

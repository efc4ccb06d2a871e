package ftx.app.inspect;

import ftx.app.AppContext;
import ftx.app.common.Background;
import ftx.app.common.PngExport;
import ftx.engine.ModelHandle;
import ftx.engine.analysis.BitDictionary;
import ftx.engine.analysis.PositionCode;
import ftx.engine.task.ReviewsTask;
import ftx.engine.task.SyntheticTask;
import ftx.engine.task.Task;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Inspect: type a sequence or draw one from the task, run the encoder, and see under every symbol
 * its Z index (hex; bits as dots), the H bit probabilities as a heatmap and the KL per position
 * against kappa, with totals. Hover a column for its numbers; export PNG, JSON or CSV. Below, the
 * bit dictionary of the loaded model: what each bit tells about the task's known factors.
 */
public final class InspectView extends VBox {
    /** Task samples encoded for the bit dictionary (about a second for the bundled models). */
    static final int DICTIONARY_SAMPLES = 256;
    private final AppContext ctx;
    private final InspectViewModel vm = new InspectViewModel();
    private final LatentGrid grid;
    private final Label detail = new Label(" ");
    private final Label totals = new Label();
    private final Label message = new Label();
    private final BitDictionaryChart dictionary;
    private final Label dictionaryNote = new Label();
    final TextField text = new TextField();
    final Button inspect = new Button("Inspect");

    /**
     * pinInGenerate receives the shown Z of every position (the "use these codes" action);
     * explainBit a bit of Z whose effect the Generate page shows (a click in the bit dictionary).
     */
    public InspectView(AppContext ctx, Consumer<int[]> pinInGenerate, java.util.function.IntConsumer explainBit) {
        this.ctx = ctx;
        this.dictionary = new BitDictionaryChart(explainBit);
        this.grid = new LatentGrid(this::describe, (position, bit) -> {
            vm.flipBit(position, bit);
            describe(position);
        });
        Label title = new Label("Inspect");
        title.getStyleClass().add("view-title");
        Label help = new Label("What am I seeing: the encoder reads the whole sequence and chooses, for every position, "
                + "a latent code Z (H bits). Blue cells are the probability of each bit (white 0, blue 1); dots mark the "
                + "bits of the Z shown. Red bars are the KL per position: how much Z tells about the sequence there, "
                + "in nats; below the dashed kappa line it is free. Click a bit cell to flip it, then \"Pin these Z in "
                + "Generate\" to see what the edit does.");
        help.setWrapText(true);
        help.getStyleClass().add("help-text");
        Label model = new Label();
        model.textProperty().bind(Bindings.createStringBinding(() -> ctx.loadedModelProperty().get() == null
                ? "No model loaded: load one on the Models page (Ctrl+5)." : "Model: " + ctx.currentModelProperty().get().name()
                + " (H = " + ctx.loadedModelProperty().get().latentBits() + ")", ctx.loadedModelProperty()));
        text.textProperty().bindBidirectional(vm.textProperty());
        text.setPromptText("a sequence in the model's vocabulary, e.g. C>___CCCCCCCC___");
        text.setStyle("-fx-font-family: 'Monospaced';");
        HBox.setHgrow(text, Priority.ALWAYS);
        Button sample = new Button("Draw task sample");
        sample.setTooltip(new Tooltip("A sequence from the model's task, with its known factors (synthetic: letter, block start, noise; reviews: sentiment and where it shows)"));
        long[] sampleSeed = {1};
        sample.setOnAction(e -> {
            vm.randomSample(sampleSeed[0]++, ctx.loadedModelProperty().get());
            run();
        });
        text.setOnAction(e -> run());
        inspect.setOnAction(e -> run());
        inspect.getStyleClass().add("accent");
        inspect.disableProperty().bind(ctx.loadedModelProperty().isNull());
        sample.disableProperty().bind(ctx.loadedModelProperty().isNull());
        CheckBox mostLikely = new CheckBox("Most likely Z");
        mostLikely.setTooltip(new Tooltip("Show the posterior's mode (bit set where p > 1/2) instead of a sample from it"));
        mostLikely.selectedProperty().bindBidirectional(vm.mostLikelyProperty());
        vm.mostLikelyProperty().addListener(o -> {
            vm.edits().clear();
            refresh();
        });
        vm.edits().addListener((javafx.collections.MapChangeListener<Integer, Integer>) c -> refresh());
        Button png = new Button("PNG");
        Button json = new Button("JSON");
        Button csv = new Button("CSV");
        Button pin = new Button("Pin these Z in Generate");
        pin.setTooltip(new Tooltip("Regenerate in the Generate page with Z fixed to the codes shown here"));
        png.setOnAction(e -> export("png", f -> PngExport.write(this, f)));
        json.setOnAction(e -> export("json", vm::exportJson));
        csv.setOnAction(e -> export("csv", vm::exportCsv));
        pin.setOnAction(e -> pinInGenerate.accept(vm.zShown()));
        for (Button b : new Button[] {png, json, csv, pin}) {
            b.disableProperty().bind(vm.resultProperty().isNull());
        }
        HBox input = new HBox(8, text, sample, inspect);
        HBox options = new HBox(10, mostLikely, new Label("Export:"), png, json, csv, pin);
        options.setAlignment(Pos.CENTER_LEFT);
        Label factors = new Label();
        factors.textProperty().bind(vm.factorsProperty());
        message.getStyleClass().add("error-text");
        message.textProperty().bind(vm.errorProperty());
        detail.setStyle("-fx-font-family: 'Monospaced';");
        VBox.setVgrow(grid, Priority.ALWAYS);
        Label dictionaryTitle = new Label("Bit dictionary: what each bit of Z says");
        dictionaryTitle.getStyleClass().add("section-title");
        dictionaryNote.setWrapText(true);
        dictionaryNote.getStyleClass().add("help-text");
        dictionaryNote.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(title, help, model, input, options, factors, message, totals, grid, detail, dictionaryTitle,
                dictionaryNote, dictionary);
        setSpacing(8);
        setPadding(new Insets(12));
        ctx.loadedModelProperty().addListener(o -> {
            vm.resultProperty().set(null);
            refresh();
            measureDictionary();
        });
        measureDictionary();
    }

    /** Encodes task samples in the background and shows how much each bit of Z tells about each known factor. */
    private void measureDictionary() {
        ModelHandle m = ctx.loadedModelProperty().get();
        Task task = m == null ? null : m.isSyntheticTask() ? new SyntheticTask() : m.isReviewsTask() ? new ReviewsTask() : null;
        if (m == null || task == null || m.latentBits() == 0) {
            dictionaryNote.setText(m == null ? "" : m.latentBits() == 0 ? "This baseline has no Z."
                    : "This model's task has no known factors (a text file), so there is nothing to read the bits against.");
            dictionary.show(null, m == null ? "Load a model." : "");
            return;
        }
        dictionaryNote.setText("Measuring on " + DICTIONARY_SAMPLES + " task samples...");
        Background.run(() -> BitDictionary.measure(m.model(), task, DICTIONARY_SAMPLES, 1L), r -> {
            if (m != ctx.loadedModelProperty().get()) {
                return; // another model was loaded meanwhile
            }
            dictionaryNote.setText("Mutual information (nats) between each bit of Z_t and a known factor at position t, over "
                    + r.samples() + " task samples the encoder read; a row's maximum is its bound. The orange cell is the bit "
                    + "that tells most. Click a cell to see in Generate what the bit does: the same seed with it forced "
                    + "to 0, then to 1.");
            dictionary.show(r, "");
        }, e -> dictionaryNote.setText("Cannot measure the bit dictionary: " + e.getMessage()));
    }

    BitDictionaryChart dictionaryChart() {
        return dictionary;
    }

    InspectViewModel viewModel() {
        return vm;
    }

    /** Runs the encoder in the background and shows the result. */
    void run() {
        ModelHandle m = ctx.loadedModelProperty().get();
        if (m == null) {
            vm.errorProperty().set("Load a model on the Models page first.");
            return;
        }
        vm.errorProperty().set("");
        Background.run(() -> vm.compute(m), r -> {
            vm.resultProperty().set(r);
            refresh();
        }, err -> vm.errorProperty().set(err.getMessage()));
    }

    private void refresh() {
        InspectResult r = vm.resultProperty().get();
        grid.show(r, t -> vm.zShownAt(t), t -> vm.edits().containsKey(t));
        totals.setText(r == null ? "" : String.format(Locale.ROOT,
                "%d positions, KL per sequence %.4f nats = %.3f bits used by Z (kappa allows %.4f nats per position free)",
                r.codes().size(), r.klTotal(), r.bitsUsed(), r.kappaNats()));
    }

    private void describe(int position) {
        InspectResult r = vm.resultProperty().get();
        if (r == null || position < 0) {
            detail.setText("Hover a column for its numbers.");
            return;
        }
        PositionCode c = r.codes().get(position);
        StringBuilder p = new StringBuilder();
        for (int b = r.latentBits() - 1; b >= 0; b--) {
            p.append(String.format(Locale.ROOT, "%.2f ", c.bitProbabilities()[b]));
        }
        int z = vm.zShownAt(position);
        detail.setText(String.format(Locale.ROOT, "position %d '%c': Z = 0x%s = %s (sampled %d, most likely %d), KL %.4f nats;"
                        + " p(bit %d..0) = %s", position, r.text().charAt(position), InspectViewModel.hex(z, r.latentBits()),
                InspectViewModel.binary(z, r.latentBits()), c.sampledZ(), c.mostLikelyZ(), c.kl(), r.latentBits() - 1, p));
    }

    private interface Writer {
        void write(Path file) throws Exception;
    }

    private void export(String ext, Writer writer) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("inspect." + ext);
        File f = chooser.showSaveDialog(getScene().getWindow());
        if (f == null) {
            return;
        }
        try {
            writer.write(f.toPath());
            vm.errorProperty().set("");
        } catch (Exception e) {
            vm.errorProperty().set("Export failed: " + e.getMessage());
        }
    }
}

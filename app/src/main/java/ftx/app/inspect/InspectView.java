package ftx.app.inspect;

import ftx.app.common.LessonTarget;
import ftx.app.common.PresentationStyle;
import ftx.app.AppContext;
import ftx.app.common.PngExport;
import ftx.app.common.SaveDialog;
import ftx.app.common.SequenceInput;
import ftx.engine.ModelHandle;
import ftx.engine.analysis.PositionCode;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Inspect: type a sequence or draw one from the task, run the encoder, and see under every symbol
 * its Z index (hex; bits as dots), the H bit probabilities as a heatmap and the KL per position
 * against kappa, with totals. Hover a column for its numbers; export PNG, JSON or CSV. Below, the
 * bit dictionary of the loaded model: what each bit tells about the task's known factors.
 */
public final class InspectView extends VBox {
    private final AppContext ctx;
    private final InspectViewModel vm;
    private final DictionaryViewModel dictionaryVm;
    private final LatentGrid grid;
    private final Label detail = new Label(" ");
    private final Label totals = new Label();
    private final Label message = new Label();
    private final BitDictionaryChart dictionary;
    private final Label dictionaryNote = new Label();
    final TextField text;
    final Button inspect = new Button("Inspect");

    /**
     * The "pin these Z" action and a click in the bit dictionary go to the Generate page through
     * the app context ({@link AppContext#requestPin}, {@link AppContext#requestBitExplained}).
     */
    public InspectView(AppContext ctx) {
        this.ctx = ctx;
        this.vm = new InspectViewModel(ctx.tasks());
        this.dictionaryVm = new DictionaryViewModel(ctx.tasks());
        this.dictionary = new BitDictionaryChart(ctx::requestBitExplained);
        this.grid = new LatentGrid(this::describe, (position, bit) -> {
            vm.flipBit(position, bit);
            describe(position);
        });
        LessonTarget.mark(inspect, "inspect.inspect");
        LessonTarget.mark(grid, "inspect.grid");
        LessonTarget.mark(dictionary, "inspect.dictionary");
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
        model.textProperty().bind(ctx.modelLine());
        SequenceInput input = new SequenceInput(vm.textProperty(), seed -> {
            vm.randomSample(seed, ctx.loadedModelProperty().get());
            run();
        });
        text = input.text();
        LessonTarget.mark(input.sample(), "inspect.sample");
        text.setOnAction(e -> run());
        inspect.setOnAction(e -> run());
        inspect.getStyleClass().add("accent");
        inspect.disableProperty().bind(ctx.loadedModelProperty().isNull());
        input.sample().disableProperty().bind(ctx.loadedModelProperty().isNull());
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
        LessonTarget.mark(pin, "inspect.pin");
        pin.setTooltip(new Tooltip("Regenerate in the Generate page with Z fixed to the codes shown here"));
        png.setOnAction(e -> SaveDialog.save(this, "inspect.png", f -> PngExport.write(this, f), vm.errorProperty()::set));
        json.setOnAction(e -> SaveDialog.save(this, "inspect.json", vm::exportJson, vm.errorProperty()::set));
        csv.setOnAction(e -> SaveDialog.save(this, "inspect.csv", vm::exportCsv, vm.errorProperty()::set));
        pin.setOnAction(e -> ctx.requestPin(vm.zShown()));
        for (Button b : new Button[] {png, json, csv, pin}) {
            b.disableProperty().bind(vm.resultProperty().isNull());
        }
        input.getChildren().add(inspect);
        Label exportLabel = new Label("Export:");
        for (Node n : new Node[] {exportLabel, png, json, csv}) {
            n.getStyleClass().add(PresentationStyle.ADVANCED);
        }
        HBox options = new HBox(10, mostLikely, exportLabel, png, json, csv, pin);
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
        dictionaryNote.textProperty().bind(dictionaryVm.noteProperty());
        dictionaryVm.reportProperty().addListener(o -> showDictionary());
        dictionaryVm.emptyProperty().addListener(o -> showDictionary());
        vm.resultProperty().addListener(o -> refresh());
        ctx.loadedModelProperty().addListener(o -> {
            vm.resultProperty().set(null);
            measureDictionary();
            if (getScene() != null) {
                openWithSample(); // shown: read a sequence with the new model at once
            }
        });
        sceneProperty().addListener((o, was, now) -> {
            if (now != null) {
                openWithSample(); // the page never opens empty when a model is loaded
            }
        });
        measureDictionary();
    }

    /** Encodes task samples in the background and shows how much each bit of Z tells about each known factor. */
    private void measureDictionary() {
        dictionaryVm.measure(ctx.loadedModelProperty().get(), ctx.loadedModelProperty()::get);
        showDictionary();
    }

    private void showDictionary() {
        dictionary.show(dictionaryVm.reportProperty().get(), dictionaryVm.emptyProperty().get());
    }

    BitDictionaryChart dictionaryChart() {
        return dictionary;
    }

    public InspectViewModel viewModel() {
        return vm;
    }

    /** With a model loaded and nothing inspected: a task sample drawn (unless the model can read the text) and inspected. */
    private void openWithSample() {
        ModelHandle m = ctx.loadedModelProperty().get();
        if (m == null || m.latentBits() == 0 || vm.resultProperty().get() != null) {
            return;
        }
        if (!m.canRead(vm.textProperty().get())) {
            vm.randomSample(1, m); // nothing typed, or another task's text
        }
        run();
    }

    /** Runs the encoder in the background; the result shows when it arrives. */
    void run() {
        vm.inspect(ctx.loadedModelProperty().get());
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
}

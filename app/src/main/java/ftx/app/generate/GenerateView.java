package ftx.app.generate;

import ftx.app.common.LessonTarget;
import ftx.app.common.PresentationStyle;
import ftx.app.AppContext.ModelRef;
import ftx.app.AppContext;
import ftx.app.common.PngExport;
import ftx.app.common.SaveDialog;
import java.io.IOException;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Generate page: groups of samples laid out like Figure 4 of Fleuret 2025, "The Free
 * Transformer" (one group drawing a fresh Z per sample, G groups sharing one Z sequence each),
 * with steering (pinned Z, "what does bit h do") and exports. Works on the model loaded on the
 * Models page; all generation runs in the background through the view-model.
 */
public final class GenerateView extends VBox {
    private static final String HELP = "What am I seeing: the model draws a latent code Z at every generated position. "
            + "The first group lets every sample draw its own Z; in each shared group all samples use one Z sequence drawn "
            + "from the prior (the prompt keeps each sample's own Z from the encoder). If Z carries a decision, for example "
            + "where the block starts (synthetic task) or whether a review is good or bad (reviews task), the samples of "
            + "a shared group agree on it and fresh samples do not: compare the agreement of the groups. Pin Z to steer; "
            + "symbols that changed since the last generation with the same seed are marked in red. Hover a sample for "
            + "its Z.";

    private final GenerateViewModel vm;
    final Button generate = new Button("Generate");
    final Button regenerate = new Button("Regenerate with these pins");
    final Button explainBit = new Button("Force bit h to 0 and to 1");
    final CheckBox withinGroup = new CheckBox("Mark differences within each group");
    final Button exportJson = new Button("Export JSON...");
    final Button exportPng = new Button("Export PNG...");
    final TextField pinned = new TextField();
    final VBox results = new VBox();

    public GenerateView(AppContext ctx) {
        this(ctx, new GenerateViewModel(ctx.tasks()));
    }

    /** For tests: a view over a given view-model (the model still comes from the context). */
    GenerateView(AppContext ctx, GenerateViewModel vm) {
        this.vm = vm;
        getStylesheets().add(GenerateStyles.stylesheet());
        vm.modelProperty().bind(ctx.loadedModelProperty());
        ctx.steerRequestProperty().addListener((o, was, r) -> { // from Inspect, through the app context
            if (r != null && r.z() != null) {
                pinFrom(r.z());
            } else if (r != null) {
                explainBitFrom(r.bit());
            }
        });
        vm.modelNameProperty().bind(Bindings.createStringBinding(() -> {
            ModelRef r = ctx.currentModelProperty().get();
            return r == null ? "" : r.name();
        }, ctx.currentModelProperty()));
        Label title = new Label("Generate");
        title.getStyleClass().add("view-title");
        Label help = new Label(HELP);
        help.setWrapText(true);
        help.getStyleClass().add("help-text");
        help.setMinHeight(Region.USE_PREF_SIZE); // wraps instead of being cut when the samples need the height
        Label noModel = new Label("No model loaded. Load a model on the Models page.");
        noModel.getStyleClass().add("error-text");
        noModel.visibleProperty().bind(vm.modelProperty().isNull());
        noModel.managedProperty().bind(noModel.visibleProperty());
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("status-text");
        Label error = new Label();
        error.textProperty().bind(vm.errorProperty());
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        Label comparison = new Label();
        comparison.getStyleClass().add(GenerateStyles.COMPARISON);
        comparison.setWrapText(true);
        comparison.setMinHeight(Region.USE_PREF_SIZE);
        comparison.textProperty().bind(Bindings.createStringBinding(() -> vm.outcomeProperty().get() == null ? ""
                : vm.outcomeProperty().get().comparison(), vm.outcomeProperty()));
        ScrollPane scroll = new ScrollPane(results);
        LessonTarget.mark(generate, "generate.generate");
        LessonTarget.mark(pinned, "generate.pins");
        LessonTarget.mark(scroll, "generate.samples");
        scroll.setFitToWidth(false);
        results.setPadding(new Insets(4));
        VBox.setVgrow(scroll, Priority.ALWAYS);
        vm.outcomeProperty().addListener(o -> render());
        withinGroup.selectedProperty().addListener(o -> render());
        getChildren().addAll(title, help, noModel, samplingRow(), steerRow(), exportRow(), status, error, comparison, scroll);
        setSpacing(8);
        setPadding(new Insets(16, 24, 16, 24));
    }

    /** The view-model (state without controls). */
    public GenerateViewModel viewModel() {
        return vm;
    }

    /**
     * Pins the given Z (one index per position, e.g. the inspected sequence's) and regenerates
     * at once. Call on the FX thread.
     */
    public void pinFrom(int[] z) {
        vm.pinFrom(z);
    }

    /** Generates with this bit of Z forced to 0, then to 1, at the page's seed. */
    public void explainBitFrom(int bit) {
        vm.bitProperty().set(bit);
        vm.explainBit();
    }

    /** Writes a snapshot of this view as PNG (call on the FX thread). */
    public void exportPng(Path file) throws IOException {
        PngExport.write(this, file);
    }

    private Node samplingRow() {
        ComboBox<String> letter = new ComboBox<>();
        for (char c = 'A'; c <= 'Z'; c++) {
            letter.getItems().add(String.valueOf(c));
        }
        letter.setValue(vm.promptProperty().get().isEmpty() ? "A" : vm.promptProperty().get().substring(0, 1));
        letter.valueProperty().addListener((o, was, now) -> vm.promptProperty().set(now + ">"));
        vm.promptProperty().addListener((o, was, now) -> {
            if (now != null && now.length() == 2 && now.endsWith(">") && letter.getItems().contains(now.substring(0, 1))) {
                letter.setValue(now.substring(0, 1));
            }
        });
        letter.setTooltip(new Tooltip("The synthetic task's prompt is a letter and '>': the block is made of that letter"));
        TextField prompt = new TextField();
        prompt.textProperty().bindBidirectional(vm.promptProperty());
        prompt.setPrefColumnCount(12);
        Label promptLabel = new Label("Prompt");
        HBox promptBox = new HBox(4, letter, prompt);
        letter.visibleProperty().bind(vm.syntheticProperty());
        letter.managedProperty().bind(letter.visibleProperty());
        prompt.visibleProperty().bind(vm.syntheticProperty().not());
        prompt.managedProperty().bind(prompt.visibleProperty());
        Spinner<Double> temperature = Spinners.ofDouble(vm.temperatureProperty(), 0, 5, 0.1, 80);
        temperature.setTooltip(new Tooltip("Softmax temperature: 1 samples the model's distribution, 0 is greedy"));
        Spinner<Integer> seed = Spinners.ofInt(vm.seedProperty(), 0, Integer.MAX_VALUE, 110);
        seed.setTooltip(new Tooltip("The same seed gives the same samples: change a pin and only what Z decides changes"));
        Spinner<Integer> groups = Spinners.ofInt(vm.groupsProperty(), 1, GenerateSettings.MAX_GROUPS, 70);
        groups.setTooltip(new Tooltip("G: groups whose samples share one Z sequence"));
        Spinner<Integer> samples = Spinners.ofInt(vm.samplesPerGroupProperty(), 1, GenerateSettings.MAX_SAMPLES, 70);
        samples.setTooltip(new Tooltip("S: samples per group (the fresh group too)"));
        Spinner<Integer> symbols = Spinners.ofInt(vm.newSymbolsProperty(), 1, 1000, 80);
        symbols.setTooltip(new Tooltip("Symbols generated after the prompt (64 for the synthetic task, 80 for a "
                + "full review)"));
        generate.getStyleClass().add("accent");
        generate.setDefaultButton(false);
        generate.disableProperty().bind(vm.busyProperty().or(vm.modelProperty().isNull()));
        generate.setOnAction(e -> vm.generate());
        return row(promptLabel, promptBox, new Label("Temperature"), temperature, new Label("Seed"), seed,
                new Label("Groups G"), groups, new Label("Samples S"), samples, new Label("New symbols"), symbols, generate);
    }

    private Node steerRow() {
        pinned.textProperty().bindBidirectional(vm.pinnedZProperty());
        pinned.setPromptText("e.g. -1,-1,17,200 (one index per input position, -1 = free)");
        pinned.setPrefColumnCount(36);
        pinned.setTooltip(new Tooltip("Z index per input position, prompt included, comma separated; -1 leaves the "
                + "position free. Enter regenerates with the same seed."));
        pinned.setOnAction(e -> vm.generate());
        regenerate.setOnAction(e -> vm.generate());
        Button clear = new Button("Clear pins");
        clear.setOnAction(e -> vm.clearPins());
        Label zNote = new Label();
        zNote.textProperty().bind(vm.zNoteProperty());
        zNote.getStyleClass().add("help-text");
        Spinner<Integer> bit = Spinners.ofInt(vm.bitProperty(), 0, Math.max(0, vm.latentBitsProperty().get() - 1), 70);
        LessonTarget.mark(bit, "generate.bit");
        vm.latentBitsProperty().addListener((o, was, now) -> ((IntegerSpinnerValueFactory) bit.getValueFactory())
                .setMax(Math.max(0, now.intValue() - 1))); // h in 0..H-1
        bit.setTooltip(new Tooltip("h: which bit of Z (0 = least significant)"));
        explainBit.setTooltip(new Tooltip("Generates S samples twice with the same seed, bit h of Z cleared and then set at "
                + "every generated position, side by side"));
        explainBit.setOnAction(e -> vm.explainBit());
        for (Node n : new Node[] {pinned, regenerate, clear, bit, explainBit}) {
            n.disableProperty().bind(vm.latentAvailableProperty().not().or(vm.busyProperty()));
        }
        return new VBox(6, row(new Label("Pinned Z"), pinned, regenerate, clear, zNote),
                row(new Label("What does bit h do? h"), bit, explainBit));
    }

    private void render() {
        GenerationOutcome now = vm.outcomeProperty().get();
        results.getChildren().setAll(now == null ? new VBox() : SamplesPane.render(now, withinGroup.isSelected()));
    }

    private Node exportRow() {
        exportJson.setOnAction(e -> choose("generate.json", this::writeJson));
        exportPng.setOnAction(e -> choose("generate.png", this::exportPng));
        exportJson.disableProperty().bind(vm.outcomeProperty().isNull());
        exportPng.disableProperty().bind(vm.outcomeProperty().isNull());
        withinGroup.setTooltip(new Tooltip("Mark (orange) the symbols where each sample differs from the first sample of "
                + "its group, instead of (red) what changed since the previous generation"));
        Node row = row(withinGroup, new Label("   Export the numbers shown or a picture of the page:"), exportJson, exportPng);
        row.getStyleClass().add(PresentationStyle.ADVANCED);
        return row;
    }

    private void writeJson(Path file) throws IOException {
        vm.exportJson(file);
    }

    private void choose(String initial, SaveDialog.Writer writer) {
        SaveDialog.save(this, initial, writer, failure -> {
            if (!failure.isEmpty()) {
                vm.showError(failure);
            }
        });
    }

    private static FlowPane row(Node... nodes) {
        FlowPane row = new FlowPane(8, 6, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add(GenerateStyles.SECTION);
        return row;
    }
}

package ftx.app.inside;

import ftx.app.common.LessonTarget;
import ftx.app.common.PresentationStyle;
import ftx.app.AppContext;
import ftx.app.common.PngExport;
import ftx.app.common.SaveDialog;
import ftx.app.common.SequenceInput;
import ftx.engine.inside.InsidePosition;
import ftx.engine.inside.InsideSequence;
import ftx.engine.model.ForwardTrace;
import java.nio.file.Files;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Inside: the loaded model as a diagram whose boxes show their values for the sequence, its
 * attention maps, the next-symbol probabilities at a position t with Z as chosen, from the prior
 * and with a pinned code, and a traversal of every code at t. Left and right arrows move t.
 */
public final class InsideView extends ScrollPane {
    private final AppContext ctx;
    private final InsideViewModel vm;
    private final ModelDiagram diagram;
    private final PartHeatmap part;
    private final AttentionMap attention;
    private final NextTokenBars bars = new NextTokenBars();
    private final TraversalTable table;
    private final Label hover = new Label(" ");
    private final Label where = new Label();
    private final ComboBox<String> layer = new ComboBox<>();
    private final ComboBox<String> head = new ComboBox<>();
    private final ComboBox<String> watch = new ComboBox<>();
    private final Slider slider = new Slider(0, 1, 0);
    final TextField text;
    final Button look = new Button("Look inside");
    private final VBox content = new VBox(8);

    public InsideView(AppContext ctx) {
        this.ctx = ctx;
        this.vm = new InsideViewModel(ctx.tasks());
        this.diagram = new ModelDiagram(false, id -> showPart());
        LessonTarget.mark(diagram, "inside.diagram");

        this.part = new PartHeatmap(hover::setText);
        this.attention = new AttentionMap(hover::setText);
        this.table = new TraversalTable(code -> {
            if (!java.util.Objects.equals(code, vm.codeProperty().get())) {
                vm.pin(code);
            }
        });
        LessonTarget.mark(table, "inside.traversal");
        Label title = new Label("Inside");
        title.getStyleClass().add("view-title");
        Label help = new Label("What am I seeing: on the left, the model. Symbols go up the decoder; "
                + "halfway up, the middle block's keys and values also read R = W_post[Z], the row of the latent code Z. During training "
                + "(and here) Z comes from the encoder on the right, which reads the whole sequence; when generating, Z "
                + "is drawn uniformly. Click a box for its values. On the right, where each position looks (attention). "
                + "Below, for position t: the next-symbol probabilities with Z as chosen, with Z from the prior and with a "
                + "pinned code, and every code at t with what it makes the model write next. Left/right arrows move t.");
        help.setWrapText(true);
        help.getStyleClass().add("help-text");
        Label model = new Label();
        model.textProperty().bind(ctx.modelLine());

        SequenceInput input = new SequenceInput(vm.textProperty(), seed -> {
            vm.randomSample(seed, ctx.loadedModelProperty().get());
            open();
        });
        text = input.text();
        text.setOnAction(e -> open());
        look.setOnAction(e -> open());
        look.getStyleClass().add("accent");
        look.disableProperty().bind(ctx.loadedModelProperty().isNull());
        input.sample().disableProperty().bind(ctx.loadedModelProperty().isNull());
        CheckBox sampled = new CheckBox("Sample Z");
        sampled.setTooltip(new Tooltip("Z drawn from the encoder at the seed, instead of its most likely code"));
        sampled.selectedProperty().bindBidirectional(vm.sampledProperty());
        sampled.selectedProperty().addListener(o -> open());
        input.getChildren().addAll(look, sampled);

        Button left = new Button("<");
        Button right = new Button(">");
        left.setTooltip(new Tooltip("Previous position (Left arrow)"));
        right.setTooltip(new Tooltip("Next position (Right arrow)"));
        left.setOnAction(e -> vm.move(-1));
        right.setOnAction(e -> vm.move(1));
        slider.setMajorTickUnit(8);
        slider.setBlockIncrement(1);
        slider.setSnapToTicks(false);
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.valueChangingProperty().addListener((o, was, now) -> {
            if (!now) {
                moveTo((int) Math.round(slider.getValue()));
            }
        });
        slider.setOnMouseReleased(e -> moveTo((int) Math.round(slider.getValue())));
        CheckBox shared = new CheckBox("Share each code over 0..t");
        shared.setTooltip(new Tooltip("Traverse with the code at every position up to t, not only at t: decisions a "
                + "model spreads over many positions show then"));
        shared.selectedProperty().bindBidirectional(vm.sharedProperty());
        shared.selectedProperty().addListener(o -> vm.refresh());
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("help-text");
        HBox positionRow = new HBox(8, new Label("Position t"), left, slider, right, where, shared, status);
        positionRow.setAlignment(Pos.CENTER_LEFT);
        Label error = new Label();
        error.getStyleClass().add("error-text");
        error.textProperty().bind(vm.errorProperty());

        layer.setOnAction(e -> showAttention());
        head.setOnAction(e -> showAttention());
        Label attentionTitle = new Label("Attention");
        attentionTitle.getStyleClass().add("section-title");
        HBox attentionControls = new HBox(8, attentionTitle, layer, head);
        attentionControls.setAlignment(Pos.CENTER_LEFT);
        VBox attentionBox = new VBox(6, attentionControls, attention);
        VBox.setVgrow(attention, Priority.ALWAYS);
        Label diagramTitle = new Label("The model (click a box)");
        diagramTitle.getStyleClass().add("section-title");
        VBox diagramBox = new VBox(6, diagramTitle, diagram);
        HBox.setHgrow(diagramBox, Priority.ALWAYS);
        HBox top = new HBox(12, diagramBox, attentionBox);

        Label barsTitle = new Label("Next symbol at t");
        barsTitle.getStyleClass().add("section-title");
        Label tableTitle = new Label("Every code at t (click one to pin it)");
        tableTitle.getStyleClass().add("section-title");
        watch.setTooltip(new Tooltip("The symbol whose probability the bar column shows (at first the one the codes"
                + " change most)"));
        watch.setOnAction(e -> {
            int symbol = watch.getItems().indexOf(watch.getValue());
            if (symbol >= 0 && symbol != table.watched() && vm.atProperty().get() != null) { // a choice, not our own setValue
                table.show(vm.atProperty().get(), vm.model().vocabulary(), vm.model().latentBits(), symbol);
            }
        });
        HBox tableHeader = new HBox(10, tableTitle, new Label("watch the symbol"), watch);
        tableHeader.setAlignment(Pos.CENTER_LEFT);
        Button generate = new Button("Regenerate in Generate with this code at t");
        generate.disableProperty().bind(vm.codeProperty().isNull().or(vm.sequenceProperty().isNull()));
        generate.setOnAction(e -> ctx.requestPin(vm.zWithCode(vm.codeProperty().get())));
        Button png = new Button("PNG");
        Button svg = new Button("SVG");
        Button json = new Button("JSON");
        Button csv = new Button("CSV");
        png.setOnAction(e -> SaveDialog.save(this, "inside.png", f -> PngExport.write(content, f),
                vm.errorProperty()::set));
        svg.setOnAction(e -> SaveDialog.save(this, "inside.svg", f -> Files.writeString(f, diagram.svg()),
                vm.errorProperty()::set));
        svg.setTooltip(new Tooltip("The diagram as SVG"));
        json.setOnAction(e -> SaveDialog.save(this, "inside.json", vm::exportJson, vm.errorProperty()::set));
        csv.setOnAction(e -> SaveDialog.save(this, "inside.csv", vm::exportCsv, vm.errorProperty()::set));
        for (Button b : new Button[] {png, json, csv}) {
            b.disableProperty().bind(vm.atProperty().isNull());
        }
        Label exportLabel = new Label("Export:");
        for (javafx.scene.Node n : new javafx.scene.Node[] {exportLabel, png, svg, json, csv}) {
            n.getStyleClass().add(PresentationStyle.ADVANCED);
        }
        HBox actions = new HBox(8, generate, exportLabel, png, svg, json, csv);
        actions.setAlignment(Pos.CENTER_LEFT);
        hover.setStyle("-fx-font-family: 'Monospaced';");

        content.getChildren().addAll(title, help, model, input, positionRow, error, top, part, hover, barsTitle, bars,
                tableHeader, table, actions);
        content.setPadding(new Insets(12));
        setContent(content);
        setFitToWidth(true);

        vm.sequenceProperty().addListener(o -> showSequence());
        vm.atProperty().addListener(o -> showPosition());
        vm.positionProperty().addListener(o -> slider.setValue(vm.positionProperty().get()));
        ctx.loadedModelProperty().addListener((o, was, now) -> {
            vm.reset();
            if (now != null) {
                diagram.show(now.model().config().nLayers(), now.latentBits());
                if (getScene() != null) {
                    open(); // shown: read the sequence (a drawn task sample when empty) with the new model
                }
            }
        });
        sceneProperty().addListener((o, was, now) -> {
            if (now != null && ctx.loadedModelProperty().get() != null && vm.sequenceProperty().get() == null) {
                open(); // the page never opens empty when a model is loaded
            }
        });
        if (ctx.loadedModelProperty().get() != null) {
            diagram.show(ctx.loadedModelProperty().get().model().config().nLayers(), ctx.loadedModelProperty().get().latentBits());
        }
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() instanceof TextInputControl) {
                return;
            }
            if (e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.RIGHT) {
                vm.move(e.getCode() == KeyCode.LEFT ? -1 : 1);
                e.consume();
            }
        });
    }

    /** Reads the text with the loaded model (a drawn task sample when the model cannot read it). */
    void open() {
        vm.open(ctx.loadedModelProperty().get());
    }

    private void moveTo(int t) {
        vm.move(t - vm.positionProperty().get());
    }

    InsideViewModel viewModel() {
        return vm;
    }

    ModelDiagram diagram() {
        return diagram;
    }

    private void showSequence() {
        InsideSequence s = vm.sequenceProperty().get();
        if (s == null) {
            attention.show(null, "", -1);
            part.show("", null, -1);
            return;
        }
        slider.setMax(Math.max(1, s.tokens().length - 1));
        int layers = s.trace().decoderAttention().length;
        String keepLayer = layer.getValue();
        layer.getItems().clear();
        for (int i = 0; i < layers; i++) {
            layer.getItems().add("decoder block " + (i + 1) + (i == layers / 2 ? " (reads Z)" : ""));
        }
        if (s.trace().encoderAttention() != null) {
            layer.getItems().add("encoder block (non-causal)");
        }
        layer.setValue(layer.getItems().contains(keepLayer) ? keepLayer : layer.getItems().get(layers / 2));
        int heads = s.trace().decoderAttention()[0].length;
        String keepHead = head.getValue();
        head.getItems().clear();
        head.getItems().add("mean of heads");
        for (int h = 0; h < heads; h++) {
            head.getItems().add("head " + (h + 1));
        }
        head.setValue(head.getItems().contains(keepHead) ? keepHead : "mean of heads");
        if (diagram.selected() == null) {
            diagram.select(s.hasLatent() ? "z" : "embed");
        }
        showAttention();
        showPart();
    }

    private void showAttention() {
        InsideSequence s = vm.sequenceProperty().get();
        if (s == null || layer.getValue() == null || head.getValue() == null) {
            return;
        }
        int l = layer.getItems().indexOf(layer.getValue());
        float[][][] heads = l < s.trace().decoderAttention().length ? s.trace().decoderAttention()[l]
                : s.trace().encoderAttention();
        int h = head.getItems().indexOf(head.getValue()) - 1;
        attention.show(h < 0 ? mean(heads) : heads[h], vm.model().vocabulary().decode(s.tokens()), vm.positionProperty().get());
    }

    static float[][] mean(float[][][] heads) {
        int n = heads[0].length;
        float[][] m = new float[n][n];
        for (float[][] head : heads) {
            for (int q = 0; q < n; q++) {
                for (int k = 0; k < n; k++) {
                    m[q][k] += head[q][k] / heads.length;
                }
            }
        }
        return m;
    }

    private void showPart() {
        InsideSequence s = vm.sequenceProperty().get();
        String id = diagram.selected();
        if (s == null || id == null) {
            return;
        }
        for (ForwardTrace.Part p : s.trace().parts()) {
            if (p.id().equals(id)) {
                part.show(p.label(), p.values(), vm.positionProperty().get());
                return;
            }
        }
        part.show("this model has no such part", null, -1);
    }

    private void showPosition() {
        InsidePosition p = vm.atProperty().get();
        InsideSequence s = vm.sequenceProperty().get();
        if (p == null || s == null) {
            bars.show(null, null);
            table.show(null, null, 0, 0);
            where.setText("");
            return;
        }
        int t = p.position();
        String txt = vm.model().vocabulary().decode(s.tokens());
        where.setText(String.format(Locale.ROOT, "t = %d '%c'%s", t, txt.charAt(t), s.hasLatent()
                ? String.format(Locale.ROOT, ", Z = %d", s.z()[t]) : ""));
        bars.show(p, vm.model().vocabulary());
        var v = vm.model().vocabulary();
        if (watch.getItems().size() != v.size()) {
            watch.getItems().clear();
            for (int i = 0; i < v.size(); i++) {
                watch.getItems().add(v.symbol(i) == ' ' ? "space" : "'" + v.symbol(i) + "'");
            }
        }
        int watched = vm.watchedSymbol();
        table.show(p, v, vm.model().latentBits(), watched);
        watch.setValue(watch.getItems().get(watched));
        showAttention();
        showPart();
    }
}

package ftx.app.train;

import ftx.app.common.LessonTarget;
import ftx.app.common.PngExport;
import ftx.app.common.PresentationStyle;
import ftx.app.common.SeriesStyle;
import ftx.app.common.CurveCanvas;
import ftx.app.common.FileDialogs;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * The training studio: settings on the left (preset, property sheet, run buttons), live views on
 * the right (progress, CE/KL/loss curves with the kappa line, tokens/s, the per-token KL heat
 * strip). Redraws at most once per frame, from the view-model's per-frame update.
 */
public final class TrainView extends BorderPane {
    private final TrainViewModel vm;
    private final SettingsSheet sheet;
    private final CurveCanvas lossChart = new CurveCanvas("Loss per predicted position (nats)", "step");
    private final CurveCanvas speedChart = new CurveCanvas("Throughput (tokens/s)", "step");
    private final KlHeatStrip heatStrip = new KlHeatStrip();
    private final ZDecidesPane zDecides = new ZDecidesPane();
    private final AnimationTimer frames;
    final Button start = new Button("Start");
    final Button pause = new Button("Pause");
    final Button step = new Button("Step");
    final Button stop = new Button("Stop");
    final Button save = new Button("Save now");
    final Button open = new Button("Open run...");
    final Label stepLabel = new Label();

    public TrainView(TrainViewModel vm) {
        this.vm = vm;
        this.sheet = new SettingsSheet(vm.settings());
        getStyleClass().add("train-view");
        setLeft(settingsPane());
        setCenter(livePane());
        frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                vm.onFrame();
            }
        };
        vm.dataVersionProperty().addListener(o -> redraw());
        // on every page, not only while this one shows: a run's events must not pile up in its queue,
        // and its end (saved, finished, diverged) must reach the run list while the user looks elsewhere
        frames.start();
    }

    private VBox settingsPane() {
        ComboBox<Preset> preset = new ComboBox<>();
        LessonTarget.mark(preset, "train.preset");
        LessonTarget.mark(start, "train.start");
        LessonTarget.mark(zDecides, "train.probe");
        preset.getItems().setAll(Preset.values());
        preset.setPromptText("Preset: the paper's kappa values...");
        preset.setMaxWidth(Double.MAX_VALUE);
        preset.setTooltip(new Tooltip("Fills model size, H and kappa with the values of the paper's experiment "
                + "(Fleuret 2025, Figure 4)."));
        preset.valueProperty().addListener((o, was, p) -> {
            if (p != null) {
                vm.applyPreset(p);
            }
        });
        vm.settingsVersionProperty().addListener((o, was, now) -> sheet.refresh());
        Label message = new Label();
        message.getStyleClass().add("error-text");
        message.setWrapText(true);
        message.textProperty().bind(Bindings.createStringBinding(
                () -> !vm.errorProperty().get().isEmpty() ? vm.errorProperty().get() : sheet.messageProperty().get(),
                vm.errorProperty(), sheet.messageProperty()));
        start.setOnAction(e -> vm.start());
        pause.setOnAction(e -> vm.pause());
        step.setOnAction(e -> vm.stepOnce());
        stop.setOnAction(e -> vm.stop());
        save.setOnAction(e -> vm.save());
        open.setOnAction(e -> openRun());
        start.setTooltip(new Tooltip("Start a new run, or resume a paused one (Ctrl+R)"));
        pause.setTooltip(new Tooltip("Pause between steps (Ctrl+P)"));
        step.setTooltip(new Tooltip("Run exactly one optimizer step, then pause (Ctrl+T)"));
        stop.setTooltip(new Tooltip("Stop and save the run so it can be resumed (Ctrl+Shift+S)"));
        save.setTooltip(new Tooltip("Write a checkpoint now (Ctrl+S); runs also autosave"));
        open.setTooltip(new Tooltip("Continue a saved run from its folder"));
        start.getStyleClass().add("accent");
        start.textProperty().bind(Bindings.when(vm.pausedProperty()).then("Resume").otherwise("Start"));
        start.disableProperty().bind(vm.runningProperty().and(vm.pausedProperty().not()));
        pause.disableProperty().bind(vm.runningProperty().not().or(vm.pausedProperty()));
        stop.disableProperty().bind(vm.runningProperty().not());
        save.disableProperty().bind(vm.runningProperty().not());
        open.disableProperty().bind(vm.runningProperty());
        sheet.node().disableProperty().bind(vm.runningProperty());
        HBox buttons = new HBox(6, start, pause, step, stop);
        Button textFile = new Button("Text file...");
        textFile.setTooltip(new Tooltip("Train the character-level task on a UTF-8 text file instead of the synthetic task"));
        textFile.disableProperty().bind(vm.runningProperty());
        textFile.setOnAction(e -> chooseTextFile());
        HBox files = new HBox(6, save, open, textFile);
        files.getStyleClass().add(PresentationStyle.ADVANCED);
        ScrollPane sheetScroll = new ScrollPane(sheet.node());
        sheetScroll.getStyleClass().add(PresentationStyle.ADVANCED);
        sheetScroll.setFitToWidth(true);
        VBox.setVgrow(sheetScroll, Priority.ALWAYS);
        Label title = new Label("Train");
        title.getStyleClass().add("view-title");
        Label help = new Label("Pick a preset (the paper's kappa values), adjust anything, press Start. "
                + "Hover a field for what it means.");
        help.setWrapText(true);
        help.getStyleClass().add("help-text");
        VBox left = new VBox(8, title, help, preset, sheetScroll, message, buttons, files);
        left.setPadding(new Insets(12));
        left.setPrefWidth(360);
        left.getStyleClass().add("settings-pane");
        return left;
    }

    private Button exportButton(String text, String file, ftx.app.common.SaveDialog.Writer writer) {
        Button b = new Button(text);
        b.setOnAction(e -> ftx.app.common.SaveDialog.save(this, file, writer, vm.errorProperty()::set));
        return b;
    }

    private VBox livePane() {
        stepLabel.textProperty().bind(Bindings.createStringBinding(
                () -> "Step " + vm.stepProperty().get() + " / " + vm.totalStepsProperty().get(),
                vm.stepProperty(), vm.totalStepsProperty()));
        stepLabel.getStyleClass().add("step-counter");
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(vm.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label eta = new Label();
        eta.textProperty().bind(vm.etaProperty());
        Label numbers = new Label();
        numbers.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT,
                "CE %s nats   KL %s nats/token (kappa %.4f)   %s tokens/s", fmt(vm.ceProperty().get()),
                fmt(vm.klProperty().get()), vm.kappaNats(), vm.tokensPerSecondProperty().get() > 0
                        ? String.format(Locale.ROOT, "%.0f", vm.tokensPerSecondProperty().get()) : "-"),
                vm.ceProperty(), vm.klProperty(), vm.tokensPerSecondProperty()));
        numbers.setTooltip(new Tooltip("CE: cross-entropy of the next symbol with the encoder's Z (optimistic by up to "
                + "the KL). KL: how many nats per token Z carries about the sequence; below kappa it is free."));
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("status-text");
        Label seeing = new Label("What am I seeing: CE (blue, solid, dots) is how well the model predicts the next symbol, in nats; "
                + "the task's floor without Z (black dashes: 0.289 for the synthetic task). KL (orange, dashed, squares) is how much information Z carries about each "
                + "token; up to kappa (dashed) it is free, above it the loss pays. The heat strip shows which positions "
                + "spend the budget as training goes.");
        seeing.setWrapText(true);
        seeing.getStyleClass().add("help-text");
        seeing.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox progress = new HBox(10, stepLabel, bar, eta);
        VBox.setVgrow(lossChart, Priority.ALWAYS);
        VBox.setVgrow(zDecides, Priority.ALWAYS);
        lossChart.setMinHeight(140);
        lossChart.setRecentRange(0.1); // the first steps' loss (about 3.4 nats) would flatten CE and KL
        heatStrip.setPrefHeight(110);
        heatStrip.setMinHeight(80);
        speedChart.setPrefHeight(90);
        speedChart.setMinHeight(70);
        HBox exports = new HBox(6, new Label("Export the charts:"),
                exportButton("Loss PNG...", "loss.png", f -> PngExport.write(lossChart, f)),
                exportButton("Loss SVG...", "loss.svg", f -> java.nio.file.Files.writeString(f, lossChart.svg())),
                exportButton("Probe PNG...", "what-z-decides.png", f -> PngExport.write(zDecides.chart(), f)),
                exportButton("Probe SVG...", "what-z-decides.svg",
                        f -> java.nio.file.Files.writeString(f, zDecides.chart().svg())));
        exports.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        exports.getStyleClass().add(PresentationStyle.ADVANCED);
        VBox live = new VBox(8, seeing, progress, numbers, status, lossChart, zDecides, heatStrip, speedChart, exports);
        live.setPadding(new Insets(12));
        return live;
    }

    private void redraw() {
        MetricHistory h = vm.history();
        lossChart.setData(List.of( // loss first: CE is drawn over it where the KL term is zero
                        new CurveCanvas.Series("loss (CE + KL term)", SeriesStyle.neutral(), h.steps(), h.loss(), h.size()),
                        new CurveCanvas.Series("CE", SeriesStyle.series(0), h.steps(), h.ce(), h.size()),
                        new CurveCanvas.Series("KL per token", SeriesStyle.series(1), h.steps(), h.kl(), h.size())),
                references());
        speedChart.setData(List.of(new CurveCanvas.Series("tokens/s", SeriesStyle.series(0), h.steps(),
                h.tokensPerSecond(), h.size())), List.of());
        heatStrip.setData(vm.heat());
        zDecides.show(vm.probes(), vm.settings().probeSeconds > 0);
    }

    private List<CurveCanvas.Reference> references() {
        CurveCanvas.Reference kappa = new CurveCanvas.Reference("kappa", SeriesStyle.series(1).color(), vm.kappaNats());
        double floor = vm.entropyFloor();
        return Double.isNaN(floor) ? List.of(kappa) : List.of(kappa, new CurveCanvas.Reference(
                String.format(Locale.ROOT, "task floor %.3f", floor), SeriesStyle.series(2).color(), floor));
    }

    private void chooseTextFile() {
        Path f = FileDialogs.open(this, "Text for the character-level task");
        if (f != null) {
            vm.settings().task = TrainSettings.TaskKind.TEXT_FILE;
            vm.settings().textFile = f;
            sheet.refresh();
        }
    }

    private void openRun() {
        Path dir = FileDialogs.folder(this, "Open a saved run (its checkpoint folder)");
        if (dir != null) {
            vm.resumeRun(dir, 0);
        }
    }

    Node lossChartNode() {
        return lossChart;
    }

    ZDecidesPane zDecidesPane() {
        return zDecides;
    }

    public TrainViewModel viewModel() {
        return vm;
    }

    SettingsSheet sheet() {
        return sheet;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }
}

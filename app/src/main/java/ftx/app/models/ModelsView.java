package ftx.app.models;

import ftx.app.AppContext;
import ftx.app.common.Background;
import ftx.app.common.CurveCanvas;
import ftx.engine.ModelHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * Models page: bundled sample models and saved runs with their config and numbers. Load makes
 * one the current model; Continue training reopens a run in the Train view; selecting two runs
 * and Compare overlays their curves.
 */
public final class ModelsView extends VBox {
    private final AppContext ctx;
    private final TableView<ModelEntry> table = new TableView<>();
    private final Label message = new Label();
    private final CurveCanvas compare = new CurveCanvas("Compare runs: CE (solid colours) and KL per token", "step");

    public ModelsView(AppContext ctx, Consumer<ModelEntry> continueTraining) {
        this.ctx = ctx;
        Label title = new Label("Models");
        title.getStyleClass().add("view-title");
        Label help = new Label("Sample models ship with the app; your runs appear here when they are saved. "
                + "Select one and Load it for inspection and generation, or select two runs and Compare.");
        help.setWrapText(true);
        help.getStyleClass().add("help-text");
        table.getColumns().setAll(List.of(column("Kind", e -> e.kind()), column("Name", ModelEntry::name),
                column("Model", ModelEntry::summary), column("Steps", e -> String.valueOf(e.steps())),
                column("CE", e -> fmt(e.ce())), column("KL/token", e -> fmt(e.kl())), column("Status", ModelEntry::status)));
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No models yet: train one on the Train page (sample models come with a later "
                + "version)."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Button refresh = new Button("Refresh");
        Button load = new Button("Load");
        Button resume = new Button("Continue training");
        Button cmp = new Button("Compare");
        Button openDir = new Button("Open checkpoint...");
        openDir.setOnAction(e -> {
            javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
            chooser.setTitle("Open a checkpoint folder (config.json + model.safetensors)");
            java.io.File dir = chooser.showDialog(getScene().getWindow());
            if (dir != null) {
                load(new ModelEntry("checkpoint", dir.getName(), dir.toPath(), "from disk", 0, Double.NaN, Double.NaN, "-"));
            }
        });
        refresh.setOnAction(e -> refresh());
        load.setOnAction(e -> load(table.getSelectionModel().getSelectedItem()));
        resume.setOnAction(e -> {
            ModelEntry s = table.getSelectionModel().getSelectedItem();
            if (s != null && s.kind().equals("run")) {
                continueTraining.accept(s);
            }
        });
        cmp.setOnAction(e -> compareSelected());
        message.setWrapText(true);
        HBox buttons = new HBox(8, load, resume, cmp, openDir, refresh);
        VBox.setVgrow(table, Priority.ALWAYS);
        compare.setPrefHeight(220);
        compare.setEmptyText("select two runs (Ctrl+click) and press Compare");
        getChildren().addAll(title, help, table, buttons, message, compare);
        setSpacing(10);
        setPadding(new Insets(12));
        refresh();
    }

    public void refresh() {
        table.getItems().setAll(ModelCatalog.list(ctx.sampleModels(), ctx.runs()));
    }

    TableView<ModelEntry> table() {
        return table;
    }

    void load(ModelEntry e) {
        if (e == null) {
            message.setText("Select a model first.");
            return;
        }
        message.setText("Loading " + e.name() + "...");
        Background.run(() -> ModelHandle.open(e.dir()), (ModelHandle m) -> {
            ctx.setLoaded(new AppContext.ModelRef(e.name(), e.dir(), e.summary()), m);
            message.setText("Loaded " + e.name() + ": " + m.latentBits() + " latent bits, vocabulary \""
                    + m.vocabulary().symbols() + "\". Inspect and Generate now work on it.");
        }, err -> message.setText("Cannot load " + e.name() + ": " + err.getMessage()));
    }

    private void compareSelected() {
        List<ModelEntry> sel = new ArrayList<>(table.getSelectionModel().getSelectedItems());
        sel.removeIf(x -> !x.kind().equals("run"));
        if (sel.size() != 2) {
            message.setText("Select exactly two runs to compare (Ctrl+click).");
            return;
        }
        Background.run(() -> List.of(ModelCatalog.history(sel.get(0).dir()), ModelCatalog.history(sel.get(1).dir())),
                h -> {
                    compare.setData(List.of(
                            new CurveCanvas.Series(sel.get(0).name() + " CE", Color.web("#1f77b4"), h.get(0)[0], h.get(0)[1], h.get(0)[0].length),
                            new CurveCanvas.Series(sel.get(1).name() + " CE", Color.web("#ff7f0e"), h.get(1)[0], h.get(1)[1], h.get(1)[0].length),
                            new CurveCanvas.Series("KL", Color.web("#aec7e8"), h.get(0)[0], h.get(0)[2], h.get(0)[0].length),
                            new CurveCanvas.Series("KL", Color.web("#ffbb78"), h.get(1)[0], h.get(1)[2], h.get(1)[0].length)),
                            List.of());
                    message.setText("Comparing " + sel.get(0).name() + " and " + sel.get(1).name() + ".");
                }, err -> message.setText("Cannot read the runs' histories: " + err.getMessage()));
    }

    private static TableColumn<ModelEntry, String> column(String name, java.util.function.Function<ModelEntry, String> f) {
        TableColumn<ModelEntry, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        return c;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }
}

package ftx.app.models;

import ftx.app.common.SeriesStyle;
import ftx.app.AppContext;
import ftx.app.common.CurveCanvas;
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
    private final ModelsViewModel vm;
    private final TableView<ModelEntry> table = new TableView<>();
    private final Label message = new Label();
    private final CurveCanvas compare = new CurveCanvas("Compare runs: CE (solid colours) and KL per token", "step");

    public ModelsView(AppContext ctx, Consumer<ModelEntry> continueTraining) {
        this.vm = new ModelsViewModel(ctx);
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
            java.nio.file.Path dir = ftx.app.common.FileDialogs.folder(this,
                    "Open a checkpoint folder (config.json + model.safetensors)");
            if (dir != null) {
                load(new ModelEntry("checkpoint", dir.getFileName().toString(), dir, "from disk", 0, Double.NaN, Double.NaN, "-"));
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
        cmp.setOnAction(e -> vm.compare(new ArrayList<>(table.getSelectionModel().getSelectedItems())));
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        table.setItems(vm.entries());
        vm.comparisonProperty().addListener((o, was, c) -> showComparison(c));
        HBox buttons = new HBox(8, load, resume, cmp, openDir, refresh);
        VBox.setVgrow(table, Priority.ALWAYS);
        compare.setPrefHeight(220);
        compare.setEmptyText("select two runs (Ctrl+click) and press Compare");
        getChildren().addAll(title, help, table, buttons, message, compare);
        setSpacing(10);
        setPadding(new Insets(12));
    }

    public void refresh() {
        vm.refresh();
    }

    TableView<ModelEntry> table() {
        return table;
    }

    void load(ModelEntry e) {
        vm.load(e);
    }

    private void showComparison(ModelsViewModel.Comparison c) {
        double[][] a = c.firstHistory();
        double[][] b = c.secondHistory();
        compare.setData(List.of(
                new CurveCanvas.Series(c.first() + " CE", SeriesStyle.series(0), a[0], a[1], a[0].length),
                new CurveCanvas.Series(c.second() + " CE", SeriesStyle.series(1), b[0], b[1], b[0].length),
                new CurveCanvas.Series(c.first() + " KL", SeriesStyle.series(3), a[0], a[2], a[0].length),
                new CurveCanvas.Series(c.second() + " KL", SeriesStyle.series(2), b[0], b[2], b[0].length)), List.of());
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

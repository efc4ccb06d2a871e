package ftx.app.sweep;

import ftx.app.common.LessonTarget;
import ftx.app.common.FileDialogs;
import ftx.app.common.PngExport;
import ftx.app.common.SaveDialog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The Sweep page: build a grid of training runs (kappa values, H, seeds, the latent recipe, any
 * option as a list), run it here or on a Spark master, watch its rows fill in, and read the kappa
 * axis of the paper as a phase diagram; a dot opens its row.
 */
public final class SweepView extends BorderPane {
    private final SweepViewModel vm;
    final PhaseDiagram diagram = new PhaseDiagram();
    final TableView<RowState> table = new TableView<>();
    final TextArea samples = new TextArea();
    final Button start = new Button("Start");
    final Button stop = new Button("Stop");
    final Button openRow = new Button("Open in Generate");
    private PhasePoint shown;

    /** openModel: loads a row's checkpoint and shows it in Generate. */
    public SweepView(SweepViewModel vm, Consumer<Path> openModel) {
        this.vm = vm;
        getStyleClass().add("sweep-view");
        Label title = new Label("Sweep: train a grid of models, then read what Z carries as the free-bits budget kappa grows");
        title.getStyleClass().add("page-title");
        Label status = new Label();
        status.textProperty().bind(vm.status);
        status.setWrapText(true);
        VBox top = new VBox(4, title, status);
        top.setPadding(new Insets(8, 10, 4, 10));
        setTop(top);
        setLeft(new ScrollPane(form()));
        LessonTarget.mark(diagram, "sweep.diagram");
        table.setItems(vm.rows());
        table.getColumns().add(column("row", 230, RowState::name));
        table.getColumns().add(column("state", 70, RowState::state));
        table.getColumns().add(column("steps", 130, RowState::progress));
        table.getColumns().add(column("where / message", 260, s -> s.message().isEmpty() ? s.where() : s.message()));
        table.setPlaceholder(new Label("No rows yet"));
        samples.setEditable(false);
        samples.setWrapText(false);
        samples.setStyle("-fx-font-family: monospace;");
        samples.setPromptText("Click a dot of the diagram: its row's shared-Z and fresh-Z samples show here.");
        openRow.setDisable(true);
        openRow.setOnAction(e -> {
            Path dir = shown == null ? null : vm.checkpointOf(shown);
            if (dir != null) {
                openModel.accept(dir);
            }
        });
        VBox rowBox = new VBox(4, samples, openRow);
        VBox.setVgrow(samples, Priority.ALWAYS);
        SplitPane bottom = new SplitPane(table, rowBox);
        bottom.setDividerPositions(0.55);
        SplitPane center = new SplitPane(diagram, bottom);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.64);
        setCenter(center);
        diagram.setData(vm.phase.get());
        vm.phase.addListener((o, was, now) -> diagram.setData(now));
        diagram.setOnOpen(this::showRow);
        Timeline poll = new Timeline(new KeyFrame(Duration.millis(400), e -> vm.refresh()));
        poll.setCycleCount(Timeline.INDEFINITE);
        vm.running.addListener((o, was, now) -> {
            if (now) {
                poll.play();
            } else {
                poll.stop();
            }
        });
    }

    private static TableColumn<RowState, String> column(String name, double width,
                                                        java.util.function.Function<RowState, String> value) {
        TableColumn<RowState, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }

    private VBox form() {
        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(5);
        int r = 0;
        r = field(g, r, "kappa values (bits)", vm.kappas, "Comma-separated; fractions like 1/8 allowed");
        r = field(g, r, "H (latent bits)", vm.latentBits, "One value or a list, e.g. 8 or 8,16");
        r = field(g, r, "seeds", vm.seeds, "Training seeds: each is a dot of the diagram");
        r = field(g, r, "steps", vm.steps, "Optimizer steps of every row");
        r = field(g, r, "D (d_model)", vm.dModel, null);
        r = field(g, r, "SwiGLU hidden F", vm.ffn, null);
        r = field(g, r, "batch", vm.batch, null);
        ChoiceBox<String> budget = new ChoiceBox<>();
        budget.getItems().addAll("token", "position", "sequence", "global");
        budget.valueProperty().bindBidirectional(vm.klBudget);
        budget.setTooltip(new Tooltip("Where the free-bits hinge applies: token is the paper's per-token reading (SPEC)"));
        g.addRow(r++, new Label("free bits per"), budget);
        r = field(g, r, "other options", vm.extra, "Any training option, one value or a list: name=v1,v2; name=v"
                + " (e.g. kappa-start-bits=1; kappa-warmup=1500)");
        CheckBox base = new CheckBox("also the baseline (no Z)");
        base.selectedProperty().bindBidirectional(vm.baseline);
        g.add(base, 0, r++, 2, 1);
        r = field(g, r, "groups", vm.groups, "Shared-Z and fresh-Z groups of 5 samples each");
        r = field(g, r, "run on", vm.master, "embedded = this computer; or a Spark master URL (local[2], spark://host:7077)");
        r = field(g, r, "rows at a time", vm.parallel, "Here: rows side by side in this process (1 = one row on two threads)");
        Label count = new Label();
        count.textProperty().bind(vm.rowCount);
        count.setWrapText(true);
        count.setMaxWidth(270);
        g.add(count, 0, r++, 2, 1);
        Button estimate = new Button("Estimate time");
        estimate.setTooltip(new Tooltip("Trains a few steps of the grid's largest row and runs one evaluation, here"));
        estimate.setOnAction(e -> vm.estimate());
        estimate.disableProperty().bind(vm.running);
        Label time = new Label();
        time.textProperty().bind(vm.estimate);
        time.setWrapText(true);
        time.setMaxWidth(200);
        g.addRow(r, estimate, time);
        start.setOnAction(e -> vm.start());
        start.disableProperty().bind(vm.running);
        stop.setOnAction(e -> vm.stop());
        stop.disableProperty().bind(vm.running.not());
        Button open = new Button("Open sweep folder...");
        open.setOnAction(e -> {
            Path f = FileDialogs.folder(this, "A sweep folder (with results.json)");
            if (f != null) {
                vm.open(f);
            }
        });
        Button resume = new Button("Resume");
        resume.setTooltip(new Tooltip("Runs the rows of the sweep on show that are not finished, into its folder"));
        resume.setOnAction(e -> vm.resume());
        resume.disableProperty().bind(vm.running);
        Button png = new Button("PNG...");
        png.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        png.setOnAction(e -> save("phase-diagram.png", f -> PngExport.write(diagram, f)));
        Button svg = new Button("SVG...");
        svg.setOnAction(e -> save("phase-diagram.svg", f -> Files.writeString(f, diagram.svg())));
        Button csv = new Button("CSV...");
        csv.setOnAction(e -> save("phase-diagram.csv", f -> Files.writeString(f, vm.phase.get().csv())));
        VBox box = new VBox(8, g, new HBox(6, start, stop), new HBox(6, open, resume),
                new HBox(6, new Label("Export:"), png, svg, csv));
        box.setPadding(new Insets(8));
        box.setPrefWidth(330);
        box.setMinWidth(330);
        return box;
    }

    private static int field(GridPane g, int row, String label, StringProperty value, String tip) {
        TextField f = new TextField();
        f.textProperty().bindBidirectional(value);
        f.setPrefColumnCount(12);
        if (tip != null) {
            f.setTooltip(new Tooltip(tip));
        }
        g.addRow(row, new Label(label), f);
        return row + 1;
    }

    private void save(String initialName, SaveDialog.Writer w) {
        Path f = FileDialogs.save(this, "Export the phase diagram", initialName);
        if (f != null) {
            String failure = SaveDialog.write(f, w);
            vm.status.set(failure == null ? "Saved " + f : failure);
        }
    }

    /** Shows a row's sample groups, and lets its checkpoint open in Generate when the sweep kept one. */
    void showRow(PhasePoint p) {
        shown = p;
        StringBuilder b = new StringBuilder(p.describe(vm.phase.get().reviews())).append("\n\n");
        int n = 0;
        for (java.util.List<String> group : p.sharedGroups()) {
            if (n++ == 3) {
                break;
            }
            b.append("shared Z, group ").append(n).append(":\n");
            group.forEach(t -> b.append("  ").append(t).append('\n'));
        }
        if (!p.freshGroups().isEmpty()) {
            b.append("fresh Z:\n");
            p.freshGroups().get(0).forEach(t -> b.append("  ").append(t).append('\n'));
        }
        samples.setText(b.toString());
        openRow.setDisable(vm.checkpointOf(p) == null);
        openRow.setText(vm.checkpointOf(p) == null ? "No checkpoint kept for this row" : "Open " + p.row() + " in Generate");
    }
}

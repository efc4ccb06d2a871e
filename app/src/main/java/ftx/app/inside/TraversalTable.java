package ftx.app.inside;

import ftx.engine.inside.InsidePosition;
import ftx.engine.inside.TraversalRow;
import ftx.engine.task.Vocabulary;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.control.Label;

/**
 * The traversal of Z at t: one row per code, most probable under the posterior first, with its
 * bits, the probability of the watched symbol next (a bar), the most likely next symbol and the
 * greedy continuation. Selecting a row pins its code at t.
 */
public final class TraversalTable extends TableView<TraversalRow> {
    private int bits = 8;
    private int watched;
    private Vocabulary vocabulary;
    private final TableColumn<TraversalRow, TraversalRow> watchedColumn = new TableColumn<>("P(next)");

    public TraversalTable(Consumer<Integer> onPick) {
        TableColumn<TraversalRow, String> code = new TableColumn<>("code");
        code.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(String.valueOf(c.getValue().code())));
        TableColumn<TraversalRow, String> binary = new TableColumn<>("bits (H-1..0)");
        binary.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(binary(c.getValue().code(), bits)));
        binary.setStyle("-fx-font-family: 'Monospaced';");
        TableColumn<TraversalRow, String> posterior = new TableColumn<>("posterior");
        posterior.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(String.format(Locale.ROOT, "%.4f",
                c.getValue().posterior())));
        watchedColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        watchedColumn.setCellFactory(col -> new BarCell());
        watchedColumn.setComparator(java.util.Comparator.comparingDouble(r -> r.probs()[watched]));
        watchedColumn.setPrefWidth(170);
        TableColumn<TraversalRow, String> top = new TableColumn<>("most likely next");
        top.setCellValueFactory(c -> {
            double[] p = c.getValue().probs();
            int best = InsideViewModel.argmax(p);
            return new ReadOnlyObjectWrapper<>(String.format(Locale.ROOT, "'%s' %.3f", symbol(best), p[best]));
        });
        TableColumn<TraversalRow, String> continuation = new TableColumn<>("greedy continuation");
        continuation.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(vocabulary == null ? ""
                : vocabulary.decode(c.getValue().continuation())));
        continuation.setStyle("-fx-font-family: 'Monospaced';");
        continuation.setPrefWidth(170);
        getColumns().setAll(java.util.List.of(code, binary, posterior, watchedColumn, top, continuation));
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("Look inside a sequence: every code at t shows here."));
        setPrefHeight(260);
        getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                onPick.accept(now.code());
            }
        });
    }

    private String symbol(int s) {
        if (vocabulary == null) {
            return "?";
        }
        char c = vocabulary.symbol(s);
        return c == ' ' ? "space" : String.valueOf(c);
    }

    /** Shows a position's traversal, the bar column following the watched symbol. */
    public void show(InsidePosition p, Vocabulary v, int latentBits, int watchedSymbol) {
        Integer pinned = p == null ? null : p.code();
        vocabulary = v;
        bits = latentBits;
        watched = watchedSymbol;
        watchedColumn.setText("P(next = '" + symbol(watchedSymbol) + "')");
        getItems().setAll(p == null ? java.util.List.of() : p.traversal());
        sort(); // a column the user sorted by stays sorted
        getSelectionModel().clearSelection();
        if (pinned != null) { // the pinned code's row stays selected (selecting it again pins nothing new)
            getItems().stream().filter(r -> r.code() == pinned).findFirst().ifPresent(r -> {
                getSelectionModel().select(r);
                scrollTo(r);
            });
        }
    }

    /** The symbol whose probability the bar column shows. */
    public int watched() {
        return watched;
    }

    static String binary(int z, int bits) {
        StringBuilder sb = new StringBuilder();
        for (int h = bits - 1; h >= 0; h--) {
            sb.append((z >> h) & 1);
        }
        return sb.toString();
    }

    private final class BarCell extends TableCell<TraversalRow, TraversalRow> {
        private final Region bar = new Region();
        private final Label value = new Label();
        private final HBox box = new HBox(6, bar, value);

        BarCell() {
            bar.setStyle("-fx-background-color: #2f6fdf;");
            bar.setMinHeight(10);
            bar.setMaxHeight(10);
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(TraversalRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            double p = row.probs()[watched];
            bar.setMinWidth(Math.max(1, 90 * p));
            bar.setPrefWidth(Math.max(1, 90 * p));
            value.setText(String.format(Locale.ROOT, "%.3f", p));
            setGraphic(box);
        }
    }
}

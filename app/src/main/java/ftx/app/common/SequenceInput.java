package ftx.app.common;

import java.util.function.LongConsumer;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The row where a page takes a sequence: a monospaced field bound to the page's text and a
 * "Draw task sample" button that hands a fresh seed (1, 2, ...) to the page; the page adds its
 * own buttons after them.
 */
public final class SequenceInput extends HBox {
    private final TextField text = new TextField();
    private final Button sample = new Button("Draw task sample");

    public SequenceInput(StringProperty value, LongConsumer drawSample) {
        super(8);
        text.textProperty().bindBidirectional(value);
        text.setPromptText("a sequence in the model's vocabulary, e.g. C>___CCCCCCCC___");
        text.setStyle("-fx-font-family: 'Monospaced';");
        HBox.setHgrow(text, Priority.ALWAYS);
        sample.setTooltip(new Tooltip("A sequence from the model's task, with its known factors (synthetic: letter, "
                + "block start, noise; reviews: sentiment and where it shows)"));
        long[] seed = {1};
        sample.setOnAction(e -> drawSample.accept(seed[0]++));
        getChildren().addAll(text, sample);
        setAlignment(Pos.CENTER_LEFT);
    }

    public TextField text() {
        return text;
    }

    public Button sample() {
        return sample;
    }
}

package ftx.app.common;

import ftx.app.AppContext;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * An honest page for a view that is not built yet: says what it will do and that it is not
 * available in this version, and shows the model it would work on.
 */
public final class PlaceholderView extends VBox {
    public PlaceholderView(String title, String plan, AppContext ctx) {
        Label t = new Label(title);
        t.getStyleClass().add("view-title");
        Label p = new Label(plan);
        p.setWrapText(true);
        Label notYet = new Label("Not available in this version yet. Until then, the command line does it: see "
                + "./ftx encode, ./ftx score and ./ftx generate in the README.");
        notYet.setWrapText(true);
        notYet.getStyleClass().add("help-text");
        Label model = new Label();
        model.textProperty().bind(Bindings.createStringBinding(() -> ctx.currentModelProperty().get() == null
                ? "No model loaded (load one on the Models page)."
                : "Model loaded: " + ctx.currentModelProperty().get().name() + " (" + ctx.currentModelProperty().get().summary()
                + ")", ctx.currentModelProperty()));
        getChildren().addAll(t, p, notYet, model);
        setSpacing(12);
        setPadding(new Insets(24));
        setMaxWidth(720);
    }
}

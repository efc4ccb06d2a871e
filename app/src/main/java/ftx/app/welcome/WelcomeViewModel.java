package ftx.app.welcome;

import ftx.app.AppContext;
import ftx.engine.ModelHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Welcome page's state: which bundled demo models exist, whether one is loading, and a
 * message when something is missing or fails. Loads run on the app context's task runner.
 */
public final class WelcomeViewModel {
    private final AppContext ctx;
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty message = new SimpleStringProperty("");

    public WelcomeViewModel(AppContext ctx) {
        this.ctx = ctx;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** The bundled sample model's folder. */
    public Path sampleDir(String name) {
        return ctx.sampleModels().resolve(name);
    }

    /** True when the bundled sample model is there. */
    public boolean available(String name) {
        return Files.isDirectory(sampleDir(name));
    }

    /** Says where the sample models were looked for when the first demo's model is missing. */
    public void checkSamples(String name) {
        if (!available(name)) {
            message.set("The bundled sample models were not found (looked in " + ctx.sampleModels().toAbsolutePath()
                    + "). Train one on the Train page, or open a checkpoint on the Models page.");
        }
    }

    /** Loads a bundled model, makes it current and hands it to onLoaded (on the FX thread). */
    public void open(String name, String description, Consumer<ModelHandle> onLoaded) {
        Path dir = sampleDir(name);
        busy.set(true);
        message.set("Loading " + name + "...");
        ctx.open(new AppContext.ModelRef(name, dir, description), m -> {
            message.set("");
            busy.set(false);
            onLoaded.accept(m);
        }, err -> {
            busy.set(false);
            message.set("Cannot load the sample model: " + err.getMessage());
        });
    }
}

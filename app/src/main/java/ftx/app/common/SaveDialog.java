package ftx.app.common;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.stage.FileChooser;

/** A page's export: ask where to save, write there, and report a failure in the page's own words. */
public final class SaveDialog {
    /** What writes the file. */
    @FunctionalInterface
    public interface Writer {
        void write(Path file) throws Exception;
    }

    private SaveDialog() {
    }

    /**
     * Asks for a file (initialName proposed) in owner's window and writes it; message receives ""
     * after a save and "Export failed: ..." after a failure (nothing when the user cancels).
     */
    public static void save(Node owner, String initialName, Writer writer, Consumer<String> message) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(initialName);
        File f = chooser.showSaveDialog(owner.getScene().getWindow());
        if (f == null) {
            return;
        }
        try {
            writer.write(f.toPath());
            message.accept("");
        } catch (Exception e) {
            message.accept("Export failed: " + e.getMessage());
        }
    }
}

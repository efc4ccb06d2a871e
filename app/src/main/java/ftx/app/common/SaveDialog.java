package ftx.app.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import javafx.scene.Node;

/**
 * A page's export: ask where to save (through {@link FileDialogs}), write there atomically (a
 * partial file beside the target, moved over it once whole, so a failure leaves any earlier file as
 * it was), and report the outcome in the page's own words.
 */
public final class SaveDialog {
    /** What writes the file. */
    @FunctionalInterface
    public interface Writer {
        void write(Path file) throws Exception;
    }

    private SaveDialog() {
    }

    /**
     * Asks for a file (initialName proposed; extensions offered, by default initialName's) in owner's
     * window and writes it; message receives "" after a save and "Export failed: ..." after a failure
     * (nothing when the user cancels).
     */
    public static void save(Node owner, String initialName, Writer writer, Consumer<String> message, String... extensions) {
        Path f = FileDialogs.save(owner, "Export " + initialName, initialName, extensions);
        if (f != null) {
            String failure = write(f, writer);
            message.accept(failure == null ? "" : failure);
        }
    }

    /** Writes file atomically; returns null, or "Export failed: ..." with the reason. */
    public static String write(Path file, Writer writer) {
        // the partial file keeps the target's extension, for writers that choose the format by it
        Path partial = file.resolveSibling(".partial-" + file.getFileName());
        try {
            writer.write(partial);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return null;
        } catch (Exception e) {
            try {
                Files.deleteIfExists(partial);
            } catch (java.io.IOException ignored) {
                // the message below is what matters
            }
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return "Export failed: " + reason;
        }
    }
}

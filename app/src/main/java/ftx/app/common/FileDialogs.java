package ftx.app.common;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Every file and folder dialog of the app goes through here, so that one seam decides how a path is
 * asked for: the platform's native dialogs by default, a stand-in in the headless tests (which have
 * no native dialog) so that the monkey and the tests of exports and scenarios go through the real
 * save and open paths. Each method returns null when the user cancels.
 */
public final class FileDialogs {
    /** A way to ask for a path. */
    public interface Chooser {
        /** A file to write; extensions like "png", the first one proposed. */
        Path save(Window owner, String title, String initialName, List<String> extensions);

        /** An existing file to read; no extensions = any file. */
        Path open(Window owner, String title, List<String> extensions);

        /** An existing folder. */
        Path folder(Window owner, String title);
    }

    private static volatile Chooser chooser = new Native();

    private FileDialogs() {
    }

    /** Replaces the dialogs (tests); returns the previous chooser, to put back. */
    public static Chooser use(Chooser replacement) {
        Chooser previous = chooser;
        chooser = replacement == null ? new Native() : replacement;
        return previous;
    }

    public static Path save(Node owner, String title, String initialName, String... extensions) {
        List<String> ext = extensions.length > 0 ? List.of(extensions) : List.of(extensionOf(initialName));
        return chooser.save(window(owner), title, initialName, ext);
    }

    public static Path open(Node owner, String title, String... extensions) {
        return chooser.open(window(owner), title, List.of(extensions));
    }

    public static Path folder(Node owner, String title) {
        return chooser.folder(window(owner), title);
    }

    static String extensionOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    private static Window window(Node owner) {
        return owner == null || owner.getScene() == null ? null : owner.getScene().getWindow();
    }

    /** The platform's dialogs. */
    private static final class Native implements Chooser {
        @Override
        public Path save(Window owner, String title, String initialName, List<String> extensions) {
            FileChooser c = new FileChooser();
            c.setTitle(title);
            c.setInitialFileName(initialName);
            filters(c, extensions);
            return path(c.showSaveDialog(owner));
        }

        @Override
        public Path open(Window owner, String title, List<String> extensions) {
            FileChooser c = new FileChooser();
            c.setTitle(title);
            filters(c, extensions);
            return path(c.showOpenDialog(owner));
        }

        @Override
        public Path folder(Window owner, String title) {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle(title);
            return path(c.showDialog(owner));
        }

        private static void filters(FileChooser c, List<String> extensions) {
            for (String e : extensions) {
                if (!e.isEmpty()) {
                    c.getExtensionFilters().add(new FileChooser.ExtensionFilter(e.toUpperCase(java.util.Locale.ROOT), "*." + e));
                }
            }
        }

        private static Path path(File f) {
            return f == null ? null : f.toPath();
        }
    }
}

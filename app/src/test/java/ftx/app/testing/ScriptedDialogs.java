package ftx.app.testing;

import ftx.app.common.FileDialogs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import javafx.stage.Window;

/**
 * The file dialogs' stand-in in headless tests: each dialog asks a function for its answer (a path,
 * or null for a cancel), and every request is kept, so that a test can check what was asked. Install
 * with {@link #install}, put back with {@link #close}.
 */
public final class ScriptedDialogs implements FileDialogs.Chooser, AutoCloseable {
    /** One dialog that was shown: "save", "open" or "folder", its title and proposed name. */
    public record Request(String kind, String title, String initialName, List<String> extensions) {
    }

    private final Function<Request, Path> answer;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final FileDialogs.Chooser previous;

    private ScriptedDialogs(Function<Request, Path> answer) {
        this.answer = answer;
        this.previous = FileDialogs.use(this);
    }

    /** Every dialog answers what answer says. */
    public static ScriptedDialogs install(Function<Request, Path> answer) {
        return new ScriptedDialogs(answer);
    }

    /** Every save dialog answers folder/initialName; open and folder dialogs cancel. */
    public static ScriptedDialogs savingInto(Path folder) {
        return install(r -> r.kind().equals("save") ? folder.resolve(r.initialName()) : null);
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public Path save(Window owner, String title, String initialName, List<String> extensions) {
        return ask(new Request("save", title, initialName, extensions));
    }

    @Override
    public Path open(Window owner, String title, List<String> extensions) {
        return ask(new Request("open", title, null, extensions));
    }

    @Override
    public Path folder(Window owner, String title) {
        return ask(new Request("folder", title, null, List.of()));
    }

    private Path ask(Request r) {
        requests.add(r);
        return answer.apply(r);
    }

    @Override
    public void close() {
        FileDialogs.use(previous);
    }
}

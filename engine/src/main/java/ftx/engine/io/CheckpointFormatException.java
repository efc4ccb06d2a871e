package ftx.engine.io;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A checkpoint file (safetensors or a file that goes with it) is malformed: truncated, corrupt
 * or of an unsupported kind. The message always names the file and the problem, in the form
 * {@code "<file>: <problem>"}, so it can be shown to the user as it is.
 */
public class CheckpointFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** @param file the offending file; @param problem what is wrong with it, in plain words */
    public CheckpointFormatException(Path file, String problem) {
        super(message(file, problem));
        this.file = file;
    }

    /** As {@link #CheckpointFormatException(Path, String)}, keeping the low-level cause. */
    public CheckpointFormatException(Path file, String problem, Throwable cause) {
        super(message(file, problem), cause);
        this.file = file;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }

    private static String message(Path file, String problem) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(problem, "problem");
        return file + ": " + problem;
    }
}

package ftx.engine.sweep;

import java.io.IOException;
import java.nio.file.Path;

/** What a {@link SweepRunner} tells about its rows; every call may come from any thread. */
public interface RowSink {
    /** A new empty folder for a row that trains in this process. */
    Path folderFor(SweepRow row) throws IOException;

    void started(SweepRow row, String where);

    void progress(SweepRow row, int step, int totalSteps, double msPerStep);

    /** The row is done (or failed): written to the sweep's folder before this returns. */
    void landed(SweepRow row, RowResult result) throws IOException;

    /** The row's run was lost (a worker died) and runs again. */
    void retried(SweepRow row, String why);
}

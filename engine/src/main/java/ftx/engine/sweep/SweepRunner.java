package ftx.engine.sweep;

import ftx.engine.train.RunControl;
import java.util.List;

/**
 * Where a sweep's rows run: in this process ({@link EmbeddedRunner}) or on a cluster (the Spark
 * module's runner, found through {@link SweepRunners}). A runner hands every row to the sink as it
 * lands, from whatever thread, and never writes the sweep's folder itself.
 */
public interface SweepRunner extends AutoCloseable {
    /** Where rows run, in words, for the progress line and results.json. */
    String describe();

    /**
     * Gets ready for spec's rows before the sweep writes anything (connects to a cluster, which
     * must be reachable and of our version); throws {@link IllegalStateException} naming what is
     * wrong.
     */
    default void prepare(SweepSpec spec) throws Exception {
    }

    /** Runs every row; returns when all have landed, or when control asks to stop (finished rows stay landed). */
    void run(SweepSpec spec, List<SweepRow> rows, RowSink sink, RunControl control) throws Exception;

    /** A line on what running the rows cost beyond training them (a cluster's overhead per row), or null. */
    default String report() {
        return null;
    }

    @Override
    default void close() {
    }
}

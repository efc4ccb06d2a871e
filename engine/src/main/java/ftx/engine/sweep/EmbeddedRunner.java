package ftx.engine.sweep;

import ftx.engine.train.RunControl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rows in this process, {@code parallel} at a time, each on its own thread with its own training
 * threads (the spec's threads per row). A row's numbers do not depend on what runs beside it.
 */
public final class EmbeddedRunner implements SweepRunner {
    private final int parallel;

    public EmbeddedRunner(int parallel) {
        if (parallel < 1 || parallel > 64) {
            throw new IllegalArgumentException("--parallel must be between 1 and 64 rows at a time, got " + parallel);
        }
        this.parallel = parallel;
    }

    @Override
    public String describe() {
        return "this computer, " + parallel + (parallel == 1 ? " row" : " rows") + " at a time";
    }

    @Override
    public void run(SweepSpec spec, List<SweepRow> rows, RowSink sink, RunControl control) throws Exception {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "ftx-sweep-row-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (SweepRow row : rows) {
                pending.add(pool.submit(() -> {
                    if (control.isStopRequested()) {
                        return null;
                    }
                    sink.started(row, "embedded");
                    RowResult r;
                    try {
                        r = RowRun.run(spec, row, sink.folderFor(row), false, "embedded",
                                (step, total, ms) -> sink.progress(row, step, total, ms), control);
                    } catch (RowRun.Stopped e) {
                        return null;
                    }
                    sink.landed(row, r);
                    return null;
                }));
            }
            Exception first = null;
            for (Future<?> f : pending) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

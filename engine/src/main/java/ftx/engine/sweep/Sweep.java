package ftx.engine.sweep;

import ftx.engine.train.RunControl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a sweep: plans its rows from the spec (every row checked before any training), skips the
 * rows its folder holds finished already (matched by their full options), runs the rest on a
 * {@link SweepRunner}, and lands each row in the folder as it finishes.
 */
public final class Sweep {
    /** What a caller hears about the rows (from any thread). */
    public interface Listener {
        default void planned(List<SweepRow> toRun, int alreadyFinished) {
        }

        default void started(SweepRow row, String where) {
        }

        default void progress(SweepRow row, int step, int totalSteps, double msPerStep) {
        }

        default void landed(SweepRow row, RowResult result) {
        }

        default void retried(SweepRow row, String why) {
        }
    }

    /**
     * How a sweep ended.
     *
     * @param planned rows of the spec
     * @param skipped rows the folder held finished already
     * @param done    rows finished by this run
     * @param failed  rows that failed in this run (listed in the table with their message)
     * @param stopped true when the sweep was stopped before every row landed
     */
    public record Outcome(int planned, int skipped, int done, int failed, boolean stopped) {
        /** 0 when every row is finished, 1 when a row failed or the sweep was stopped. */
        public int exitCode() {
            return failed > 0 || stopped ? 1 : 0;
        }
    }

    private Sweep() {
    }

    /** Runs spec into dir on runner. Bad input (spec, folder) throws IllegalArgumentException before any training. */
    public static Outcome run(SweepSpec spec, Path dir, SweepRunner runner, Listener listener, RunControl control)
            throws Exception {
        List<SweepRow> rows = spec.rows();
        SweepFolder folder = SweepFolder.open(dir);
        List<SweepRow> todo = rows.stream().filter(r -> !folder.finished(r)).map(folder::unclashed).toList();
        listener.planned(todo, rows.size() - todo.size());
        if (todo.isEmpty()) {
            folder.begin(spec, rows);
            return new Outcome(rows.size(), rows.size(), 0, 0, false);
        }
        runner.prepare(spec);
        folder.begin(spec, rows);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        String runnerName = runner.describe();
        java.util.Set<String> landed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try {
            run(spec, todo, runner, folder, listener, control, runnerName, done, failed, landed);
        } finally {
            for (SweepRow row : todo) {
                if (!landed.contains(row.name())) {
                    folder.discard(row); // stopped or lost mid-row: no half-written row is left
                }
            }
        }
        boolean stopped = done.get() + failed.get() < todo.size();
        return new Outcome(rows.size(), rows.size() - todo.size(), done.get(), failed.get(), stopped);
    }

    private static void run(SweepSpec spec, List<SweepRow> todo, SweepRunner runner, SweepFolder folder, Listener listener,
                            RunControl control, String runnerName, AtomicInteger done, AtomicInteger failed,
                            java.util.Set<String> landed) throws Exception {
        runner.run(spec, todo, new RowSink() {
            @Override
            public Path folderFor(SweepRow row) throws IOException {
                return folder.partial(row);
            }

            @Override
            public void started(SweepRow row, String where) {
                listener.started(row, where);
            }

            @Override
            public void progress(SweepRow row, int step, int totalSteps, double msPerStep) {
                listener.progress(row, step, totalSteps, msPerStep);
            }

            @Override
            public void landed(SweepRow row, RowResult result) throws IOException {
                folder.land(spec, row, result, runnerName);
                landed.add(row.name());
                (result.failed() ? failed : done).incrementAndGet();
                listener.landed(row, result);
            }

            @Override
            public void retried(SweepRow row, String why) {
                listener.retried(row, why);
            }
        }, control);
    }
}

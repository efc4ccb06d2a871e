package ftx.spark;

import ftx.engine.sweep.RowResult;
import ftx.engine.sweep.RowRun;
import ftx.engine.sweep.RunOptions;
import ftx.engine.sweep.SweepRow;
import ftx.engine.sweep.SweepSpec;
import ftx.engine.train.RunControl;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.util.LongAccumulator;

/**
 * The work of one Spark task, shipped to the executor: train and evaluate row {@code index} of
 * the sweep in a temporary folder, and return the result with the checkpoint's files as bytes
 * (no shared filesystem). Its step counter reaches the driver with every executor heartbeat.
 */
final class RowTask implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A row as plain serializable values. */
    record Row(int index, String name, LinkedHashMap<String, String> options, LinkedHashMap<String, String> varied)
            implements Serializable {
        static Row of(SweepRow r) {
            return new Row(r.index(), r.name(), new LinkedHashMap<>(r.options().asMap()), new LinkedHashMap<>(r.varied()));
        }

        SweepRow toSweepRow() {
            return new SweepRow(index, name, RunOptions.complete(options), varied);
        }
    }

    private final String specJson;
    private final List<Row> rows;
    private final LongAccumulator steps;

    RowTask(SweepSpec spec, List<Row> rows, LongAccumulator steps) {
        this.specJson = spec.toJsonText();
        this.rows = List.copyOf(rows);
        this.steps = steps;
    }

    /** Runs the partition's row (the job's partition i is row i of this list). */
    RowResult run(int partition) {
        SweepSpec spec;
        try {
            spec = SweepSpec.fromJson(new com.fasterxml.jackson.databind.ObjectMapper().readTree(specJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SweepRow row = rows.get(partition).toSweepRow();
        TaskContext task = TaskContext.get();
        RunControl control = new RunControl();
        String where = "spark executor " + SparkEnv.get().executorId() + " on " + host();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ftx-row-");
            Path folder = dir.resolve(row.name());
            return RowRun.run(spec, row, folder, true, where, (step, total, ms) -> {
                steps.add(1);
                if (task != null && task.isInterrupted()) {
                    control.stop(); // the job was cancelled: stop within the step
                }
            }, control);
        } catch (RowRun.Stopped e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "?";
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder of ours; the next reboot clears it
        }
    }
}

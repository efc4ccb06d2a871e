package ftx.engine.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import ftx.engine.analysis.EvaluationJson;
import ftx.engine.analysis.ProbeReading;
import ftx.engine.analysis.ReviewsEvaluation;
import ftx.engine.analysis.SyntheticEvaluation;
import ftx.engine.model.FreeTransformer;
import ftx.engine.task.ReviewsTask;
import ftx.engine.task.Task;
import ftx.engine.train.RunControl;
import ftx.engine.train.Trainer;
import ftx.engine.train.TrainingEvent;
import ftx.engine.train.TrainingListener;
import ftx.engine.train.TrainingOutcome;
import ftx.engine.util.Workspaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Trains and evaluates one row of a sweep: the same work wherever it runs (a thread of this
 * process, or a Spark executor). The row's run is {@code ftx train} with the row's options, on
 * the spec's threads per row, saving only at its end; then the group evaluation of
 * {@code ftx evaluate} on the trained weights.
 */
public final class RowRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RowRun() {
    }

    /** Thrown when the sweep was stopped during the row: it did not finish, and nothing of it counts. */
    public static final class Stopped extends Exception {
        Stopped(String message) {
            super(message);
        }
    }

    /**
     * Runs the row. With the spec's keepCheckpoints the checkpoint is written into folder (which
     * must be new or empty); withFiles also returns its files' bytes. Any failure of the row
     * itself (divergence, a refused option, running out of memory) is a failed result, not an
     * exception, so that one bad row never stops the others.
     */
    public static RowResult run(SweepSpec spec, SweepRow row, Path folder, boolean withFiles, String where,
                                RowProgress progress, RunControl control) throws Stopped {
        long t0 = System.nanoTime();
        try {
            RunOptions o = row.options();
            Task task = o.task();
            Trainer trainer = Trainer.start(o.modelConfig(task), task, o.trainingConfig());
            trainer.setThreads(spec.threadsPerRow());
            if (spec.probeSeconds() != null) {
                trainer.setProbe(spec.probeSeconds(), spec.probeSettings());
            }
            TrainingListener listener = new TrainingListener() {
                @Override
                public void onStep(TrainingEvent e) {
                    progress.step(e.step(), e.totalSteps(), e.msPerStep());
                }
            };
            TrainingOutcome outcome = trainer.run(listener, control, spec.keepCheckpoints() ? folder : null);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (outcome.status() == TrainingOutcome.Status.STOPPED) {
                throw new Stopped(row.name() + ": " + outcome.message());
            }
            if (outcome.status() == TrainingOutcome.Status.DIVERGED) {
                return failed(row, outcome.message(), outcome.step(), seconds, where);
            }
            String evaluation = JSON.writeValueAsString(evaluate(trainer.model(), task, spec, row.name()));
            List<Map<String, Object>> probes = trainer.probes().stream().map(ProbeReading::toMap).toList();
            int decisive = trainer.probes().stream().filter(r -> r.sharedOverChance() >= 3).mapToInt(ProbeReading::step)
                    .findFirst().orElse(-1);
            return new RowResult(row.name(), row.options().asMap(), false, outcome.message(), outcome.step(), seconds,
                    (System.nanoTime() - t0) / 1e9, evaluation, JSON.writeValueAsString(probes), decisive, WeightsHash.of(trainer.model().parameters()),
                    withFiles && spec.keepCheckpoints() ? files(folder) : null, where);
        } catch (Stopped e) {
            throw e;
        } catch (Exception | OutOfMemoryError e) {
            return failed(row, e.getClass().getSimpleName() + ": " + e.getMessage(), 0, (System.nanoTime() - t0) / 1e9, where);
        } finally {
            Workspaces.releaseThread();
        }
    }

    private static Object evaluate(FreeTransformer model, Task task, SweepSpec spec, String name) {
        SyntheticEvaluation.Settings settings = spec.evaluation().settings();
        return task.name().equals(ReviewsTask.NAME) ? EvaluationJson.reviews(name, ReviewsEvaluation.run(model, settings))
                : EvaluationJson.synthetic(name, SyntheticEvaluation.run(model, settings), true);
    }

    private static RowResult failed(SweepRow row, String message, int steps, double seconds, String where) {
        return new RowResult(row.name(), row.options().asMap(), true, message, steps, seconds, seconds, null, "[]", -1, null,
                null, where);
    }

    /** The checkpoint's files (not the lock or staging entries, whose names start with a dot). */
    private static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && Files.isRegularFile(p)) {
                    out.put(name, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }
}

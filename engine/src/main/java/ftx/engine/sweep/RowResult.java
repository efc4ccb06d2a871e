package ftx.engine.sweep;

import java.io.Serializable;
import java.util.Map;

/**
 * What a row's run gives back to whoever runs the sweep (in the same process, or from a Spark
 * executor to the driver: every field is plain and serializable).
 *
 * @param name           the row's name
 * @param options        the row's full options (canonical strings)
 * @param failed         true when the row did not finish (it diverged, or the engine refused it)
 * @param message        what happened, in words
 * @param steps          steps trained
 * @param trainSeconds   wall time of the training
 * @param runSeconds     wall time of the whole row where it ran (training and evaluation)
 * @param evaluationJson the evaluation as {@code ftx evaluate --json} prints it (null when failed)
 * @param probesJson     the live probe's readings as a JSON array (empty when no probe ran)
 * @param decisiveStep   the first probed step where shared-Z pairs agreed 3x as often as chance, -1 if none
 * @param weightsHash    SHA-256 of the trained weights ({@link WeightsHash}), null when failed
 * @param files          the checkpoint's files by name, for a runner whose rows train away from
 *                       the sweep's folder; null when the row trained in place or keeps none
 * @param where          where the row ran (the runner and the host)
 */
public record RowResult(String name, Map<String, String> options, boolean failed, String message, int steps,
                        double trainSeconds, double runSeconds, String evaluationJson, String probesJson, int decisiveStep,
                        String weightsHash, Map<String, byte[]> files, String where) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The same result without the checkpoint's bytes (once they are on disk). */
    public RowResult withoutFiles() {
        return new RowResult(name, options, failed, message, steps, trainSeconds, runSeconds, evaluationJson, probesJson, decisiveStep,
                weightsHash, null, where);
    }
}

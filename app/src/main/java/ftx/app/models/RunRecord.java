package ftx.app.models;

/**
 * One training run as listed in the run list (persisted in runs.json beside the run folders).
 *
 * @param name      folder name of the run
 * @param dir       absolute path of its checkpoint folder
 * @param task      task name
 * @param summary   model and loss settings in one line (D, L, H, kappa)
 * @param steps     steps done
 * @param ce        last cross-entropy (nats per position)
 * @param kl        last mean KL per token (nats)
 * @param status    running, finished, stopped or diverged
 */
public record RunRecord(String name, String dir, String task, String summary, int steps, double ce, double kl, String status) {
}

package ftx.app.models;

import java.nio.file.Path;

/**
 * A row of the Models page: a bundled sample model or a saved run.
 *
 * @param kind    "sample" or "run"
 * @param summary model and loss settings (D, L, H, kappa)
 * @param ce      last CE in nats per position, NaN if unknown
 * @param kl      last mean KL per token in nats, NaN if unknown
 */
public record ModelEntry(String kind, String name, Path dir, String summary, int steps, double ce, double kl, String status) {
}

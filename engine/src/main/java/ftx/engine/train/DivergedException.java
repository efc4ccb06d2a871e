package ftx.engine.train;

/** The loss, the gradient norm or the weights became NaN or infinite. */
public final class DivergedException extends RuntimeException {
    /** Weights or optimizer state not finite after step (found before a save, which is then not written). */
    public DivergedException(int step, String what) {
        super("training diverged at step " + step + ": " + what + " (try a lower learning rate or stronger gradient clipping)");
    }

    public DivergedException(int step, double loss, double gradNorm) {
        super("training diverged at step " + step + ": loss = " + loss + ", gradient norm = " + gradNorm
                + " (try a lower learning rate or stronger gradient clipping)");
    }
}

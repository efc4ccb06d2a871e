package ftx.engine.train;

/** The loss or the gradient norm became NaN or infinite; the weights were not updated. */
public final class DivergedException extends RuntimeException {
    public DivergedException(int step, double loss, double gradNorm) {
        super("training diverged at step " + step + ": loss = " + loss + ", gradient norm = " + gradNorm
                + " (try a lower learning rate or stronger gradient clipping)");
    }
}

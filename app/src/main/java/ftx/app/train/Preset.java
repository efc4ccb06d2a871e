package ftx.app.train;

/**
 * Starting points for the paper's experiment (Fleuret 2025, section 4.1, Figure 4): the four
 * free-bits budgets, and a model size that trains in minutes on 2 cores or the paper's toy size.
 */
public enum Preset {
    KAPPA_1_64("kappa 1/64 bit: Z unused", 1.0 / 64, 8, 64, 4, 192, 32),
    KAPPA_1_8("kappa 1/8 bit: Z picks the block position", 0.125, 8, 64, 4, 192, 32),
    KAPPA_1("kappa 1 bit: position and noise", 1.0, 8, 64, 4, 192, 32),
    KAPPA_8("kappa 8 bits: Z carries everything", 8.0, 8, 64, 4, 192, 32),
    PAPER_TOY("paper toy size (D=128, L=4, batch 64), kappa 1/8 bit", 0.125, 8, 128, 4, 384, 64),
    TINY("tiny (D=32, L=2): seconds per hundred steps", 0.125, 4, 32, 2, 64, 16);

    public final String label;
    final double kappaBits;
    final int latentBits;
    final int dModel;
    final int layers;
    final int ffnHidden;
    final int batchSize;

    Preset(String label, double kappaBits, int latentBits, int dModel, int layers, int ffnHidden, int batchSize) {
        this.label = label;
        this.kappaBits = kappaBits;
        this.latentBits = latentBits;
        this.dModel = dModel;
        this.layers = layers;
        this.ffnHidden = ffnHidden;
        this.batchSize = batchSize;
    }

    /** Writes this preset's values into the settings (other fields unchanged). */
    public void applyTo(TrainSettings s) {
        s.kappaBits = kappaBits;
        s.latentBits = latentBits;
        s.dModel = dModel;
        s.layers = layers;
        s.heads = dModel >= 64 ? 4 : 2;
        s.ffnHidden = ffnHidden;
        s.batchSize = batchSize;
    }

    @Override
    public String toString() {
        return label;
    }
}

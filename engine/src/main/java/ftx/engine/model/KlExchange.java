package ftx.engine.model;

/**
 * How a pass over part of a batch learns the whole batch's mean KL per position, which the
 * position and global hinges need ({@link KlBudget#needsBatch}). A pass over the whole batch
 * divides its own sums; shards of one batch exchange theirs before their backward.
 */
@FunctionalInterface
public interface KlExchange {
    /** The pass is the whole batch. */
    KlExchange WHOLE_BATCH = (sums, sequences) -> {
        double[] mean = new double[sums.length];
        for (int t = 0; t < sums.length; t++) {
            mean[t] = sums[t] / sequences;
        }
        return mean;
    };

    /**
     * @param sums      this pass's KL per position, summed over its sequences
     * @param sequences this pass's sequence count
     * @return the batch's mean KL per position
     */
    double[] batchMean(double[] sums, int sequences);
}

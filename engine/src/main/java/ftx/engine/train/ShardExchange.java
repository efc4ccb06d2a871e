package ftx.engine.train;

import ftx.engine.model.KlExchange;
import ftx.engine.util.StepCancel;

/**
 * The two shards of a batch tell each other their KL sums per position between their forward
 * and their backward, so that the position and global hinges see the whole batch's mean (the
 * mean must not be each shard's). The shards always run on two threads; with one training thread
 * they take turns (the first runs up to the exchange, then the second all through, then the
 * first finishes), so one core works at a time and the numbers are those of two. If either shard
 * fails, the other stops waiting and fails too.
 */
final class ShardExchange {
    private final boolean takeTurns;
    private double[] firstSums;
    private double[] secondSums;
    private int firstSequences;
    private int secondSequences;
    private boolean firstDone;
    private boolean secondDone;
    private RuntimeException failure;

    ShardExchange(boolean takeTurns) {
        this.takeTurns = takeTurns;
    }

    /** The first shard's side: it waits for the second's sums and, taking turns, for the second to finish. */
    KlExchange first() {
        return (sums, sequences) -> {
            synchronized (this) {
                firstSums = sums;
                firstSequences = sequences;
                notifyAll();
                await(() -> secondSums != null && (!takeTurns || secondDone));
                return mean();
            }
        };
    }

    /** The second shard's side. */
    KlExchange second() {
        return (sums, sequences) -> {
            synchronized (this) {
                secondSums = sums;
                secondSequences = sequences;
                notifyAll();
                await(() -> firstSums != null);
                return mean();
            }
        };
    }

    /** Called by the second shard before it starts: taking turns, it waits for the first to reach the exchange (or end). */
    synchronized void awaitTurn() {
        if (takeTurns) {
            await(() -> firstSums != null || firstDone);
        }
    }

    /** The first shard has finished its pass (or never needed the exchange). */
    synchronized void firstFinished() {
        firstDone = true;
        notifyAll();
    }

    /** The second shard has finished its pass. */
    synchronized void secondFinished() {
        secondDone = true;
        notifyAll();
    }

    /** A shard failed (or was cancelled): the other stops waiting. */
    synchronized void fail(RuntimeException e) {
        if (failure == null) {
            failure = e;
        }
        notifyAll();
    }

    private double[] mean() {
        double[] m = new double[firstSums.length];
        for (int t = 0; t < m.length; t++) {
            m[t] = (firstSums[t] + secondSums[t]) / (firstSequences + secondSequences);
        }
        return m;
    }

    private void await(java.util.function.BooleanSupplier ready) {
        while (!ready.getAsBoolean()) {
            if (failure != null) {
                throw failure instanceof StepCancel.Cancelled ? new StepCancel.Cancelled()
                        : new IllegalStateException("the other half of the batch failed: " + failure.getMessage(), failure);
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepCancel.Cancelled();
            }
        }
    }
}

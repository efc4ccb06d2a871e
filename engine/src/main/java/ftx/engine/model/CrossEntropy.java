package ftx.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Next-symbol cross-entropy in nats, averaged over all predicted positions, with its gradient. */
final class CrossEntropy {
    private CrossEntropy() {
    }

    /** logProbs [N, V] = log softmax(logits); ce per row [N, 1]. */
    record Result(INDArray logProbs, INDArray targetLogProb, double mean) {
    }

    static Result forward(INDArray logits, int[] targets) {
        INDArray shifted = logits.subColumnVector(logits.max(true, 1)); // [N, V]
        INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false); // [N, 1]
        INDArray logProbs = shifted.subiColumnVector(lse);
        INDArray targetLogProb = logProbs.mul(oneHot(targets, logits)).sum(true, 1); // [N, 1]
        return new Result(logProbs, targetLogProb, -targetLogProb.meanNumber().doubleValue());
    }

    /** d mean / d logits = (softmax - onehot) / N. */
    static INDArray gradient(Result r, int[] targets) {
        INDArray probs = Transforms.exp(r.logProbs(), true);
        return probs.subi(oneHot(targets, probs)).divi(targets.length);
    }

    private static INDArray oneHot(int[] targets, INDArray like) {
        INDArray eye = Nd4j.eye(like.size(1)).castTo(like.dataType());
        return Nd4j.pullRows(eye, 1, targets);
    }
}

package ftx.engine.train;

import ftx.engine.model.Parameters;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The model's tensors read as one run of elements and cut into two halves of equal size, so
 * that element-wise work over all parameters (combining the shards' gradients, the optimizer)
 * splits evenly between two threads even when one tensor dominates (W_post: 2^16 x D at H = 16).
 */
final class TensorHalves {
    private TensorHalves() {
    }

    /** Elements from..from+length-1 (row-major) of one tensor. */
    record Piece(String name, long from, long length) {
        /** The piece as a view of a dense tensor of that name. */
        INDArray of(Parameters p) {
            INDArray a = p.get(name);
            return a.reshape(a.length()).get(NDArrayIndex.interval(from, from + length));
        }
    }

    /** Two lists of pieces covering every element of every tensor once, each about half of the total. */
    static List<List<Piece>> of(Parameters p) {
        long total = p.count();
        long cut = (total + 1) / 2;
        List<Piece> first = new ArrayList<>();
        List<Piece> second = new ArrayList<>();
        long at = 0;
        for (String name : p.names()) {
            long n = p.get(name).length();
            long inFirst = Math.max(0, Math.min(n, cut - at));
            if (inFirst > 0) {
                first.add(new Piece(name, 0, inFirst));
            }
            if (inFirst < n) {
                second.add(new Piece(name, inFirst, n - inFirst));
            }
            at += n;
        }
        return List.of(first, second);
    }
}

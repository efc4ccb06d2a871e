package ftx.engine.model;

import ftx.engine.kernels.Ops;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Row lookup {@code y[n] = table[index[n]]}: the token embedding and the post-sampler
 * {@code R_t = W_post[z_t]} (SPEC section 2 step 4). Its backward is a scatter-add of dy into the
 * looked-up rows ({@link Ops#scatterAddRows}), which is the exact gradient of
 * {@code onehot(index) * table}.
 */
public final class RowLookup {
    private RowLookup() {
    }

    /** table [K, D], index (N values in 0..K-1) -> [N, D]. */
    public static INDArray forward(INDArray table, int[] index) {
        return Nd4j.pullRows(table, 1, index);
    }

    /** dTable[index[n]] += dy[n] for every n (repeated indices accumulate). */
    static void backward(INDArray dy, int[] index, INDArray dTable) {
        Ops.current().scatterAddRows(dy, index, dTable);
    }
}

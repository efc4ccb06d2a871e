package ftx.engine.model;

import ftx.engine.util.FastPath;
import ftx.engine.util.Simd;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterAdd;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Row lookup {@code y[n] = table[index[n]]}: the token embedding and the post-sampler
 * {@code R_t = W_post[z_t]} (SPEC section 2 step 4). Its backward is a scatter-add of dy into the
 * looked-up rows, which is the exact gradient of {@code onehot(index) * table}. The scatter-add
 * runs in place: in vectors when {@link Simd} applies ({@link RowLookupKernel}), else on the host
 * when {@link FastPath} does (ND4J's returns a new table, then a copy).
 */
final class RowLookup {
    private RowLookup() {
    }

    /** table [K, D], index (N values in 0..K-1) -> [N, D]. */
    static INDArray forward(INDArray table, int[] index) {
        return Nd4j.pullRows(table, 1, index);
    }

    /** dTable[index[n]] += dy[n] for every n (repeated indices accumulate). */
    static void backward(INDArray dy, int[] index, INDArray dTable) {
        if (Simd.applies(dy, dTable)) {
            RowLookupKernel.backward(dy, index, dTable);
        } else if (FastPath.applies(dy, dTable)) {
            backwardHost(dy, index, dTable);
        } else {
            backwardPlain(dy, index, dTable);
        }
    }

    static void backwardPlain(INDArray dy, int[] index, INDArray dTable) {
        INDArray idx = Nd4j.createFromArray(index).castTo(DataType.INT32);
        INDArray summed = Nd4j.exec(new ScatterAdd(dTable, idx, dy))[0];
        dTable.assign(summed);
    }

    /** The same scatter-add, in place, touching only the looked-up rows (2^16 rows at H = 16). */
    static void backwardHost(INDArray dy, int[] index, INDArray dTable) {
        int d = (int) dy.size(1);
        double[] g = FastPath.read(dy, 0); // [N, D]
        FastPath.Access table = FastPath.access(dTable);
        for (int n = 0; n < index.length; n++) {
            int row = index[n] * d;
            for (int k = 0; k < d; k++) {
                table.set(row + k, table.get(row + k) + g[n * d + k]);
            }
        }
    }
}

package ftx.engine.model;

import ftx.engine.kernels.Ops;
import ftx.engine.kernels.RopeTable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rotary position embedding on interleaved pairs (2i, 2i+1) of each head, angle
 * {@code pos * base^(-2i/head_dim)} (SPEC section 5). The backward is the inverse rotation,
 * since both columns of a pair share one angle.
 */
public final class Rope {
    private final RopeTable table;

    Rope(FreeTransformerConfig c, int maxPositions, DataType dtype) {
        int d = c.dModel();
        int hd = c.headDim();
        double[] cs = new double[maxPositions * d];
        double[] sn = new double[maxPositions * d];
        for (int t = 0; t < maxPositions; t++) {
            for (int col = 0; col < d; col++) {
                int i = (col % hd) / 2;
                double angle = t * Math.pow(c.ropeBase(), -2.0 * i / hd);
                cs[t * d + col] = Math.cos(angle);
                sn[t * d + col] = Math.sin(angle);
            }
        }
        this.table = new RopeTable(cs, sn, maxPositions, d, dtype);
    }

    int maxPositions() {
        return table.maxPositions();
    }

    /** The angles' cosines and sines, for the operations that rotate q and k as they read them. */
    public RopeTable table() {
        return table;
    }

    /** x [B*T, D] at positions offset..offset+T-1 of each sequence -> rotated [B*T, D]. */
    INDArray forward(INDArray x, int b, int t, int offset) {
        return Ops.current().rope(x, table, b, t, offset, false);
    }

    /** Gradient through the rotation: the inverse rotation of dy. */
    INDArray backward(INDArray dy, int b, int t, int offset) {
        return Ops.current().rope(dy, table, b, t, offset, true);
    }
}

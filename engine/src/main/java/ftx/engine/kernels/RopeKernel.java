package ftx.engine.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Ops#rope} on a FLOAT array, pair by pair on a host copy: (x0, x1) -> (x0 c - x1 s,
 * x1 c + x0 s), s negated for the inverse, with no [D, D] product. Contract: {@link PlainOps#rope}.
 */
final class RopeKernel {
    private RopeKernel() {
    }

    static INDArray apply(INDArray x, RopeTable table, int b, int t, int offset, boolean inverse) {
        int d = (int) x.size(1);
        int rows = b * t;
        float[] cos = table.cos();
        float[] sin = table.sin();
        float[] v = HostMemory.readFloats(x, 0, rows * d, 0);
        float sign = inverse ? -1 : 1;
        for (int r = 0; r < rows; r++) {
            int o = r * d;
            int tab = (offset + r % t) * d;
            for (int k = 0; k < d; k += 2) {
                float c = cos[tab + k];
                float s = sign * sin[tab + k];
                float x0 = v[o + k];
                float x1 = v[o + k + 1];
                v[o + k] = x0 * c - x1 * s;
                v[o + k + 1] = x1 * c + x0 * s;
            }
        }
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, rows, d);
        HostMemory.writeFloats(v, out, 0, rows * d);
        return out;
    }
}

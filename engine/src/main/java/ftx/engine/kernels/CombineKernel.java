package ftx.engine.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link Ops#combine} on FLOAT arrays, in blocks of host copies. Contract: {@link PlainOps#combine}. */
final class CombineKernel {
    private static final int BLOCK = 1 << 15;

    private CombineKernel() {
    }

    static double combine(INDArray g, INDArray h, long from, long length, float w0, float w1) {
        double sum = 0;
        for (long at = from; at < from + length; at += BLOCK) {
            int n = (int) Math.min(BLOCK, from + length - at);
            float[] a = HostMemory.readFloats(g, at, n, 0);
            float[] b = HostMemory.readFloats(h, at, n, 1);
            for (int i = 0; i < n; i++) {
                a[i] = w0 * a[i] + w1 * b[i];
            }
            sum += FloatDot.of(a, a, n);
            HostMemory.writeFloats(a, g, at, n);
        }
        return sum;
    }
}

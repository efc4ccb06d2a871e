package ftx.engine.kernels;

/** The dot product of float arrays for the host kernels, accumulated in double. */
public final class FloatDot {
    private FloatDot() {
    }

    /** sum_{k < n} a[k] * b[k]; four partial sums, since one chain of additions is latency-bound. */
    public static double of(float[] a, float[] b, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += a[k] * b[k];
            s1 += a[k + 1] * b[k + 1];
            s2 += a[k + 2] * b[k + 2];
            s3 += a[k + 3] * b[k + 3];
        }
        for (; k < n; k++) {
            s0 += a[k] * b[k];
        }
        return (s0 + s1) + (s2 + s3);
    }
}

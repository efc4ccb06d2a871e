package ftx.engine.kernels;

import org.bytedeco.javacpp.FloatPointer;
import java.lang.ref.Reference;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products {@code c = alpha op(a) op(b) + beta c} through OpenBLAS's {@code cblas_sgemm}
 * (the {@code openblas_nolapack} binding ND4J's CPU backend itself uses), without ND4J's op
 * machinery around each call, for dense FLOAT 2-D arrays ({@link HostMemory#denseFloat});
 * anything else goes to {@link Nd4j#gemm}, {@link PlainOps}' product.
 */
public final class Blas {
    private Blas() {
    }

    /** A new array op(a) op(b), in the current scope. */
    public static INDArray gemm(INDArray a, INDArray b, boolean transA, boolean transB) {
        if (!HostMemory.denseFloat(a, b) || a.rank() != 2 || b.rank() != 2) {
            return Nd4j.gemm(a, b, transA, transB);
        }
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, transA ? a.size(1) : a.size(0), transB ? b.size(0) : b.size(1));
        gemm(a, b, c, transA, transB, 1.0, 0.0);
        return c;
    }

    /** c = alpha op(a) op(b) + beta c, in place. */
    public static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta) {
        if (!HostMemory.denseFloat(a, b, c) || a.rank() != 2 || b.rank() != 2 || c.rank() != 2) {
            Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
            return;
        }
        int m = (int) (transA ? a.size(1) : a.size(0));
        int k = (int) (transA ? a.size(0) : a.size(1));
        int n = (int) (transB ? b.size(0) : b.size(1));
        if ((transB ? b.size(1) : b.size(0)) != k || c.size(0) != m || c.size(1) != n) {
            throw new IllegalArgumentException("gemm shapes " + java.util.Arrays.toString(a.shape()) + (transA ? "^T" : "")
                    + " x " + java.util.Arrays.toString(b.shape()) + (transB ? "^T" : "") + " -> "
                    + java.util.Arrays.toString(c.shape()));
        }
        boolean profile = BlasProfile.on();
        long t0 = profile ? System.nanoTime() : 0;
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans, m, n, k, (float) alpha, floats(a),
                (int) a.size(1), floats(b), (int) b.size(1), (float) beta, floats(c), n);
        if (profile) {
            BlasProfile.record(m, k, n, transA, transB, beta != 0, System.nanoTime() - t0);
        }
        Reference.reachabilityFence(a); // the native call holds only raw addresses
        Reference.reachabilityFence(b);
        Reference.reachabilityFence(c);
    }

    private static FloatPointer floats(INDArray a) {
        return new FloatPointer(a.data().pointer()).position(a.offset());
    }
}

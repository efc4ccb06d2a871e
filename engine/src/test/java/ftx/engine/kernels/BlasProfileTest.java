package ftx.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What `ftx bench --products` reports: each product shape's calls and work, only while profiling. */
class BlasProfileTest {
    @org.junit.jupiter.api.BeforeAll
    static void cpuBackendOnly() {
        org.junit.jupiter.api.Assumptions.assumeTrue(OpsChoice.cpuBackend(),
                "OpenBLAS products run on the CPU backend only; skipped on " + Nd4j.getBackend().getClass().getSimpleName());
    }

    @Test
    void countsEachShapeWhileOnAndNothingAfter() {
        INDArray x = Nd4j.randn(DataType.FLOAT, 40, 16);
        INDArray w = Nd4j.randn(DataType.FLOAT, 24, 16);
        INDArray dy = Nd4j.randn(DataType.FLOAT, 40, 24);
        INDArray dw = Nd4j.zeros(DataType.FLOAT, 24, 16);
        BlasProfile.start();
        for (int i = 0; i < 3; i++) {
            Blas.gemm(x, w, false, true); // [40, 24]
        }
        Blas.gemm(dy, x, dw, true, false, 1.0, 1.0); // [24, 16] +=
        List<BlasProfile.Entry> shapes = BlasProfile.stop();
        Blas.gemm(x, w, false, true); // not counted: profiling stopped
        assertEquals(2, shapes.size(), shapes.toString());
        BlasProfile.Entry forward = shapes.stream().filter(e -> !e.shape().accumulate()).findFirst().orElseThrow();
        assertEquals(new BlasProfile.Shape(40, 16, 24, false, true, false), forward.shape());
        assertEquals(3, forward.calls());
        assertEquals(3 * 2.0 * 40 * 16 * 24 / 1e9, forward.gflop(), 1e-15);
        BlasProfile.Entry grad = shapes.stream().filter(e -> e.shape().accumulate()).findFirst().orElseThrow();
        assertEquals(new BlasProfile.Shape(24, 40, 16, true, false, true), grad.shape());
        assertEquals(1, grad.calls());
        assertEquals("[24x40]^T x [40x16] +=", grad.shape().toString());
        assertTrue(forward.ms() > 0 && grad.ms() > 0);
        assertFalse(BlasProfile.on());
    }
}

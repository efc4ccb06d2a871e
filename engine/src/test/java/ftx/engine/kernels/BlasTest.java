package ftx.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The direct OpenBLAS products against ND4J's gemm, the oracle, for every transpose and for views with an offset. */
class BlasTest {
    @org.junit.jupiter.api.BeforeAll
    static void cpuBackendOnly() {
        org.junit.jupiter.api.Assumptions.assumeTrue(OpsChoice.cpuBackend(),
                "OpenBLAS products run on the CPU backend only; skipped on " + Nd4j.getBackend().getClass().getSimpleName());
    }

    private static void assertSame(INDArray expected, INDArray actual) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()));
        double scale = expected.amaxNumber().doubleValue();
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-5 * scale, "differs by " + diff + " at scale " + scale);
    }

    @Test
    void everyTransposeMatchesNd4j() {
        Nd4j.getRandom().setSeed(5);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                INDArray a = ta ? Nd4j.randn(DataType.FLOAT, 19, 37) : Nd4j.randn(DataType.FLOAT, 37, 19);
                INDArray b = tb ? Nd4j.randn(DataType.FLOAT, 23, 19) : Nd4j.randn(DataType.FLOAT, 19, 23);
                assertSame(Nd4j.gemm(a, b, ta, tb), Blas.gemm(a, b, ta, tb));
                INDArray c = Nd4j.randn(DataType.FLOAT, 37, 23);
                INDArray expected = Nd4j.gemm(a, b, c.dup(), ta, tb, 0.5, 1.0);
                Blas.gemm(a, b, c, ta, tb, 0.5, 1.0);
                assertSame(expected, c);
            }
        }
    }

    @Test
    void rowBlocksWithAnOffsetAreReadAndWrittenInPlace() {
        INDArray a = Nd4j.randn(DataType.FLOAT, 10, 6);
        INDArray rows = a.get(NDArrayIndex.interval(3, 8), NDArrayIndex.all()); // offset 18
        INDArray b = Nd4j.randn(DataType.FLOAT, 4, 6);
        INDArray out = Nd4j.zeros(DataType.FLOAT, 9, 4);
        INDArray target = out.get(NDArrayIndex.interval(2, 7), NDArrayIndex.all());
        Blas.gemm(rows, b, target, false, true, 1.0, 0.0);
        assertSame(Nd4j.gemm(rows.dup(), b, false, true), target);
        assertEquals(0.0, out.get(NDArrayIndex.interval(0, 2), NDArrayIndex.all()).amaxNumber().doubleValue());
        assertEquals(0.0, out.get(NDArrayIndex.interval(7, 9), NDArrayIndex.all()).amaxNumber().doubleValue());
    }

    @Test
    void doubleArraysTakeNd4jAndWrongShapesAreRefused() {
        INDArray a = Nd4j.randn(DataType.DOUBLE, 3, 4);
        INDArray b = Nd4j.randn(DataType.DOUBLE, 4, 2);
        assertSame(Nd4j.gemm(a, b, false, false), Blas.gemm(a, b, false, false));
        INDArray f = Nd4j.randn(DataType.FLOAT, 3, 4);
        assertThrows(IllegalArgumentException.class,
                () -> Blas.gemm(f, f, Nd4j.create(DataType.FLOAT, 3, 3), false, false, 1, 0));
    }
}

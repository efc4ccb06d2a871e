package ftx.engine.kernels;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layout test of the host kernels and the moves between ND4J arrays and host scratch arrays.
 * A kernel may read an array as host memory when it is a c-order contiguous FLOAT or DOUBLE array
 * on the CPU backend ({@code asNioFloat()} is then a view of its memory, not a copy). Scratch
 * arrays are per thread and reused: the two training threads and a generator may run at once.
 */
public final class HostMemory {
    private static final int SLOTS = 8;
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[SLOTS][]);
    private static final ThreadLocal<float[][]> FLOAT_SCRATCH = ThreadLocal.withInitial(() -> new float[1][]);
    private static final ThreadLocal<float[][]> FLOAT_SLOTS = ThreadLocal.withInitial(() -> new float[SLOTS][]);

    private HostMemory() {
    }

    /** True on the CPU backend when every array is dense, c-order, of one type (FLOAT or DOUBLE) and of int-addressable length. */
    public static boolean dense(INDArray... arrays) {
        if (!OpsChoice.cpuBackend()) {
            return false; // the arrays live on a device
        }
        DataType t = arrays[0].dataType();
        for (INDArray a : arrays) {
            if (a.dataType() != t || (t != DataType.FLOAT && t != DataType.DOUBLE) || !contiguous(a)
                    || a.length() > Integer.MAX_VALUE / 2) {
                return false;
            }
        }
        return true;
    }

    /** True when every array is dense and FLOAT: the float kernels' test (double arrays take the plain versions). */
    public static boolean denseFloat(INDArray... arrays) {
        return dense(arrays) && arrays[0].dataType() == DataType.FLOAT;
    }

    /** True when the array's elements are contiguous in row-major order (on any backend). */
    static boolean contiguous(INDArray a) {
        if (a.isEmpty() || a.ordering() != 'c' && a.rank() > 1) {
            return false;
        }
        long expected = 1;
        long[] shape = a.shape();
        long[] stride = a.stride();
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /** A per-thread scratch array of at least n entries; slot 0..7, one live use per slot. */
    public static double[] scratch(int slot, int n) {
        double[][] s = SCRATCH.get();
        if (s[slot] == null || s[slot].length < n) {
            s[slot] = new double[Math.max(n, s[slot] == null ? 0 : s[slot].length * 5 / 4)];
        }
        return s[slot];
    }

    /** The array's values (row-major) into scratch slot; returns the scratch array. */
    public static double[] read(INDArray a, int slot) {
        return readRange(a, 0, (int) a.length(), slot);
    }

    /** The array's values (row-major) in a new host array of exactly its length (scratch may be longer). */
    public static double[] copy(INDArray a) {
        return java.util.Arrays.copyOf(read(a, 0), (int) a.length());
    }

    /** Elements from..from+n-1 (row-major) of a dense array into scratch slot; returns the scratch array. */
    public static double[] readRange(INDArray a, long from, int n, int slot) {
        double[] dst = scratch(slot, n);
        int off = (int) (a.offset() + from);
        if (a.dataType() == DataType.DOUBLE) {
            DoubleBuffer b = a.data().asNioDouble();
            b.position(off);
            b.get(dst, 0, n);
        } else {
            float[] f = floats(n);
            FloatBuffer b = a.data().asNioFloat();
            b.position(off);
            b.get(f, 0, n);
            for (int i = 0; i < n; i++) {
                dst[i] = f[i];
            }
        }
        return dst;
    }

    /** A per-thread float scratch array of at least n entries; slot 0..7, one live use per slot. */
    public static float[] floatScratch(int slot, int n) {
        float[][] s = FLOAT_SLOTS.get();
        if (s[slot] == null || s[slot].length < n) {
            s[slot] = new float[Math.max(n, s[slot] == null ? 0 : s[slot].length * 5 / 4)];
        }
        return s[slot];
    }

    /** Elements from..from+n-1 of a dense FLOAT array into float scratch slot 0..7 (a bulk copy); returns the scratch. */
    public static float[] readFloats(INDArray a, long from, int n, int slot) {
        float[] dst = floatScratch(slot, n);
        FloatBuffer b = a.data().asNioFloat();
        b.position((int) (a.offset() + from));
        b.get(dst, 0, n);
        return dst;
    }

    /** Writes src[0..n) into elements from..from+n-1 of a dense FLOAT array (a bulk copy). */
    public static void writeFloats(float[] src, INDArray a, long from, int n) {
        FloatBuffer b = a.data().asNioFloat();
        b.position((int) (a.offset() + from));
        b.put(src, 0, n);
    }

    /** Writes src[0..n) into elements from..from+n-1 (row-major) of a dense array. */
    public static void writeRange(double[] src, INDArray a, long from, int n) {
        int off = (int) (a.offset() + from);
        if (a.dataType() == DataType.DOUBLE) {
            DoubleBuffer b = a.data().asNioDouble();
            b.position(off);
            b.put(src, 0, n);
        } else {
            float[] f = floats(n);
            for (int i = 0; i < n; i++) {
                f[i] = (float) src[i];
            }
            FloatBuffer b = a.data().asNioFloat();
            b.position(off);
            b.put(f, 0, n);
        }
    }

    /** Writes the first a.length() values of src into the array. */
    public static void write(double[] src, INDArray a) {
        writeRange(src, a, 0, (int) a.length());
    }

    /** A new array of the given type and shape in the current scope, filled from src. */
    public static INDArray create(double[] src, DataType type, long... shape) {
        INDArray a = Nd4j.createUninitialized(type, shape);
        write(src, a);
        return a;
    }

    /** Random access to one array's elements without copying, for sparse in-place updates. */
    public static Access access(INDArray a) {
        int off = (int) a.offset();
        if (a.dataType() == DataType.DOUBLE) {
            DoubleBuffer b = a.data().asNioDouble();
            return new Access() {
                public double get(int i) {
                    return b.get(off + i);
                }

                public void set(int i, double v) {
                    b.put(off + i, v);
                }
            };
        }
        FloatBuffer b = a.data().asNioFloat();
        return new Access() {
            public double get(int i) {
                return b.get(off + i);
            }

            public void set(int i, double v) {
                b.put(off + i, (float) v);
            }
        };
    }

    /** Element i of an array in row-major order. */
    public interface Access {
        double get(int i);

        void set(int i, double v);
    }

    private static float[] floats(int n) {
        float[][] s = FLOAT_SCRATCH.get();
        if (s[0] == null || s[0].length < n) {
            s[0] = new float[n];
        }
        return s[0];
    }
}

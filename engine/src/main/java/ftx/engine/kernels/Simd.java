package ftx.engine.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Whether the SIMD kernels may run: host kernels written with the JDK's incubating Vector API
 * ({@code jdk.incubator.vector}), which read and write ND4J's host memory in place through a
 * {@link ByteBuffer} view. They run on dense FLOAT arrays ({@link HostMemory#denseFloat}) when the
 * JVM was started with {@code --add-modules jdk.incubator.vector} (the launchers, the packaged app
 * and the tests do); without it, or with {@code -Dftx.simd=false}, {@link CpuOps} takes the
 * float-array or plain versions, so the engine runs on any Java 17. The classes that name vector
 * types are only loaded behind {@link #applies}.
 */
public final class Simd {
    private static final boolean MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static volatile boolean enabled = MODULE && !"false".equals(System.getProperty("ftx.simd"));

    private Simd() {
    }

    /** True when the SIMD kernels may run on these arrays (FLOAT, dense, host memory, module loaded). */
    public static boolean applies(INDArray... arrays) {
        if (!enabled || !HostMemory.denseFloat(arrays)) {
            return false;
        }
        for (INDArray a : arrays) {
            if (!fits(a.offset() + a.length())) {
                return false;
            }
        }
        return true;
    }

    /** True when an array of this many floats can be addressed by the kernels' int byte offsets. */
    public static boolean fits(long floats) {
        return floats * Float.BYTES <= Integer.MAX_VALUE;
    }

    /** Why the SIMD kernels are off, for reports; null when they run. */
    public static String offReason() {
        if (!MODULE) {
            return "Java started without jdk.incubator.vector";
        }
        if (!enabled) {
            return "turned off (-Dftx.simd=false)";
        }
        return null;
    }

    /** True when the SIMD kernels are in use at all (for reports). */
    public static boolean enabled() {
        return enabled;
    }

    /** Whether the JVM has the Vector API module (started with {@code --add-modules jdk.incubator.vector}). */
    public static boolean moduleLoaded() {
        return MODULE;
    }

    /** Turns the SIMD kernels on or off (tests and benchmarks); stays off without the module. */
    public static void setEnabled(boolean on) {
        enabled = on && MODULE;
    }

    /** An array's host memory: its bytes in native order, and the byte position of its first element. */
    public record Memory(ByteBuffer bytes, int start) {
    }

    /** The array's host memory (see {@link #bytes}, {@link #start}). */
    public static Memory memory(INDArray a) {
        return new Memory(bytes(a), start(a));
    }

    /** The array's host memory as bytes in native order; element i of the array is at byte 4 * (offset + i). */
    public static ByteBuffer bytes(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder());
    }

    /** The byte position of the array's first element in {@link #bytes}. */
    public static int start(INDArray a) {
        return (int) a.offset() * Float.BYTES;
    }
}

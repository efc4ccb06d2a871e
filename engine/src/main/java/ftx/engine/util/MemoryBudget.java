package ftx.engine.util;

import org.bytedeco.javacpp.Pointer;

/**
 * Whether this process can hold what a file or a setting asks for, judged before allocating:
 * the Java heap for values read from files, and ND4J's native memory (bounded by JavaCPP's
 * {@code maxBytes}) for a model's arrays. A crafted checkpoint or an absurd option then gets a
 * message instead of an {@link OutOfMemoryError} or a native {@code bad_alloc}.
 */
public final class MemoryBudget {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private MemoryBudget() {
    }

    /** A problem if {@code bytes} of heap are not free (after a collection), else null. */
    public static String heapProblem(long bytes, String what) {
        if (bytes <= heapLeftNow()) {
            return null;
        }
        System.gc();
        long left = heapLeftNow();
        return bytes <= left ? null : what + " need " + gib(bytes) + " of memory but this process has " + gib(left)
                + " left (it may use " + gib(Runtime.getRuntime().maxMemory()) + "; more with FTX_JAVA_OPTS=-Xmx8g)";
    }

    /** A problem if ND4J's native memory cannot take {@code bytes} more, else null. */
    public static String nativeProblem(long bytes, String what) {
        long max = Pointer.maxBytes();
        long left = max <= 0 ? Long.MAX_VALUE : max - Pointer.totalBytes();
        return bytes <= left ? null : what + " need " + gib(bytes) + " of native memory but ND4J may use "
                + gib(max) + " in all, " + gib(Math.max(0, left)) + " of it free (more with FTX_JAVA_OPTS=-Xmx8g)";
    }

    private static long heapLeftNow() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** A byte count in GiB with two decimals ("3.52 GiB"). */
    public static String gib(long bytes) {
        return String.format("%.2f GiB", bytes / GIB);
    }
}

package ftx.engine.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named, dense tensor as stored in a safetensors file: its shape and its values in row-major
 * (C) order. Every dtype is held as {@code double}; integer tensors (I32, I64) are exact since
 * the reader rejects I64 values beyond 2^53.
 *
 * <p>The shape is copied; the values array is <em>not</em> (tensors can be tens of megabytes),
 * so callers must not modify it after handing it over. {@link #equals}, {@link #hashCode} and
 * {@link #toString} look at the contents, not the array identities.
 *
 * @param name   the tensor's name in the file, e.g. {@code "embed.weight"}
 * @param shape  the dimensions, none negative; {@code []} is a scalar with one value
 * @param values {@code product(shape)} values in row-major order
 */
public record Tensor(String name, long[] shape, double[] values) {

    public Tensor {
        Objects.requireNonNull(name, "tensor name");
        Objects.requireNonNull(shape, () -> "shape of tensor '" + name + "'");
        Objects.requireNonNull(values, () -> "values of tensor '" + name + "'");
        shape = shape.clone();
        long n = elementCount(name, shape);
        if (n != values.length) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape)
                    + " has " + n + " elements but " + values.length + " values were given");
        }
    }

    /** A tensor from float values (widened exactly to double). */
    public static Tensor of(String name, long[] shape, float[] values) {
        Objects.requireNonNull(values, () -> "values of tensor '" + name + "'");
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return new Tensor(name, shape, d);
    }

    /** The shape (a copy). */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of elements, the product of the shape (1 for a scalar). */
    public long numel() {
        return values.length;
    }

    /** The number of dimensions (0 for a scalar). */
    public int rank() {
        return shape.length;
    }

    /** The values rounded to float. */
    public float[] toFloats() {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /**
     * The values as ints, for token ids and other integer tensors.
     *
     * @throws IllegalStateException if a value is not an integer or does not fit in an int
     */
    public int[] toInts() {
        int[] r = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            int iv = (int) v;
            if (iv != v) {
                throw new IllegalStateException("tensor '" + name + "': value " + v + " at index " + i
                        + " is not an int");
            }
            r[i] = iv;
        }
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && name.equals(t.name) && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Tensor[" + name + " " + Arrays.toString(shape) + "]";
    }

    private static long elementCount(String name, long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "': negative dimension in shape "
                        + Arrays.toString(shape));
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape)
                        + " has too many elements", e);
            }
        }
        return n;
    }
}

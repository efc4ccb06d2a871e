package ftx.engine.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * RoPE's cosines and sines for positions 0..maxPositions-1, row-major [positions][D] (column c of
 * a head has the angle of its pair), in float for the kernels and as ND4J arrays of the model's
 * type for the plain version, with the pair swap P ((a, b) -> (-b, a)) as a [D, D] matrix, so
 * that the plain rotation is {@code x C + (x P) S}. The angles come from the model
 * ({@code ftx.engine.model.Rope}).
 */
public final class RopeTable {
    private final int maxPositions;
    private final float[] cos;
    private final float[] sin;
    private final INDArray cosArray; // [Tmax, D]
    private final INDArray sinArray; // [Tmax, D]
    private final INDArray swap; // [D, D]

    /** cos, sin [maxPositions * d] row-major; arrays for the plain version in dtype. */
    public RopeTable(double[] cos, double[] sin, int maxPositions, int d, DataType dtype) {
        this.maxPositions = maxPositions;
        this.cos = new float[cos.length];
        this.sin = new float[sin.length];
        for (int i = 0; i < cos.length; i++) {
            this.cos[i] = (float) cos[i];
            this.sin[i] = (float) sin[i];
        }
        this.cosArray = Nd4j.createFromArray(cos).reshape(maxPositions, d).castTo(dtype);
        this.sinArray = Nd4j.createFromArray(sin).reshape(maxPositions, d).castTo(dtype);
        double[] p = new double[d * d];
        for (int k = 0; k < d; k += 2) {
            p[(k + 1) * d + k] = -1; // out[2i] = -x[2i+1]
            p[k * d + k + 1] = 1; // out[2i+1] = x[2i]
        }
        this.swap = Nd4j.createFromArray(p).reshape(d, d).castTo(dtype);
    }

    public int maxPositions() {
        return maxPositions;
    }

    /** Throws when positions 0..end-1 go beyond the table. */
    public void check(int end) {
        if (end > maxPositions) {
            throw new IllegalArgumentException("position " + (end - 1) + " beyond the RoPE table of " + maxPositions);
        }
    }

    float[] cos() {
        return cos;
    }

    float[] sin() {
        return sin;
    }

    INDArray cosArray() {
        return cosArray;
    }

    INDArray sinArray() {
        return sinArray;
    }

    INDArray swap() {
        return swap;
    }

    /** Rotates v[o..o+d) in place as position pos (sign -1: the inverse), for the host generation step. */
    public void rotateRow(double[] v, int o, int d, int pos, double sign) {
        check(pos + 1);
        int tab = pos * d;
        for (int k = 0; k < d; k += 2) {
            double c = cos[tab + k];
            double s = sign * sin[tab + k];
            double x0 = v[o + k];
            double x1 = v[o + k + 1];
            v[o + k] = x0 * c - x1 * s;
            v[o + k + 1] = x1 * c + x0 * s;
        }
    }
}

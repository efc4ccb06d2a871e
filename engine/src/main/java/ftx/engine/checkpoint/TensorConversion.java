package ftx.engine.checkpoint;

import ftx.engine.io.Tensor;
import ftx.engine.model.Parameters;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Copies between the file-level {@link Tensor} and ND4J arrays (row-major both ways). */
public final class TensorConversion {
    private TensorConversion() {
    }

    /**
     * One native array of the tensor in the given type. No native temporary is made: those are
     * freed only when the collector gets to them, and RSS grew with every save and load.
     */
    public static INDArray toArray(Tensor t, DataType dtype) {
        INDArray flat = dtype == DataType.FLOAT ? Nd4j.createFromArray(t.toFloats())
                : dtype == DataType.DOUBLE ? Nd4j.createFromArray(t.values()) : null;
        if (flat == null) {
            INDArray wide = Nd4j.createFromArray(t.values());
            flat = wide.castTo(dtype);
            wide.close();
        }
        return t.shape().length == 0 ? flat.reshape(new long[0]) : flat.reshape('c', t.shape());
    }

    /** The array's values as a tensor; a native copy is made only for a view, and freed at once. */
    public static Tensor toTensor(String name, INDArray a) {
        boolean dense = !a.isView() && a.ordering() == 'c' && a.data().length() == a.length();
        INDArray c = dense ? a : a.dup('c');
        try {
            return new Tensor(name, a.shape(), c.data().asDouble());
        } finally {
            if (c != a) {
                c.close();
            }
        }
    }

    /** Every tensor of p, with an optional name prefix ("m." for Adam's first moment). */
    public static List<Tensor> toTensors(Parameters p, String prefix) {
        List<Tensor> out = new ArrayList<>();
        p.asMap().forEach((n, a) -> out.add(toTensor(prefix + n, a)));
        return out;
    }
}

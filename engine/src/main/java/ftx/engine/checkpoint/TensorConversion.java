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

    public static INDArray toArray(Tensor t, DataType dtype) {
        INDArray flat = Nd4j.createFromArray(t.values()).castTo(dtype);
        return t.shape().length == 0 ? flat.reshape(new long[0]) : flat.reshape('c', t.shape());
    }

    public static Tensor toTensor(String name, INDArray a) {
        return new Tensor(name, a.shape(), a.dup('c').castTo(DataType.DOUBLE).data().asDouble());
    }

    /** Every tensor of p, with an optional name prefix ("m." for Adam's first moment). */
    public static List<Tensor> toTensors(Parameters p, String prefix) {
        List<Tensor> out = new ArrayList<>();
        p.asMap().forEach((n, a) -> out.add(toTensor(prefix + n, a)));
        return out;
    }
}

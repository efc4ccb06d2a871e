package ftx.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The named tensors of a model (weights, or gradients / optimizer moments of the same shapes),
 * with the names and {@code weight[out][in]} layout of SPEC section 5.
 */
public final class Parameters {
    private final Map<String, INDArray> tensors;

    private Parameters(Map<String, INDArray> tensors) {
        this.tensors = tensors;
    }

    /** The expected name -> shape of every tensor of a model with this config, in file order. */
    public static Map<String, long[]> expectedShapes(FreeTransformerConfig c) {
        Map<String, long[]> s = new LinkedHashMap<>();
        long d = c.dModel();
        s.put("embed.weight", new long[] {c.vocabSize(), d});
        for (int i = 0; i < c.nLayers(); i++) {
            putBlock(s, "blocks." + i + ".", c);
        }
        s.put("norm.weight", new long[] {d});
        s.put("head.weight", new long[] {c.vocabSize(), d});
        if (c.hasLatent()) {
            s.put("zeta", new long[] {d});
            putBlock(s, "enc.", c);
            s.put("enc_norm.weight", new long[] {d});
            s.put("enc_readout.weight", new long[] {c.latentBits(), d});
            s.put("enc_readout.bias", new long[] {c.latentBits()});
            s.put("post.weight", new long[] {c.latentCodes(), d});
        }
        return s;
    }

    private static void putBlock(Map<String, long[]> s, String p, FreeTransformerConfig c) {
        long d = c.dModel();
        long f = c.ffnHidden();
        s.put(p + "attn_norm.weight", new long[] {d});
        for (String w : new String[] {"wq", "wk", "wv", "wo"}) {
            s.put(p + "attn." + w + ".weight", new long[] {d, d});
        }
        s.put(p + "mlp_norm.weight", new long[] {d});
        s.put(p + "mlp.w1.weight", new long[] {f, d});
        s.put(p + "mlp.w3.weight", new long[] {f, d});
        s.put(p + "mlp.w2.weight", new long[] {d, f});
    }

    /** All-zero tensors of the model's shapes (gradient accumulators, optimizer moments). */
    public static Parameters zeros(FreeTransformerConfig c, DataType dtype) {
        Map<String, INDArray> t = new LinkedHashMap<>();
        expectedShapes(c).forEach((name, shape) -> t.put(name, Nd4j.zeros(dtype, shape)));
        return new Parameters(t);
    }

    /** Wraps tensors already checked against {@link #expectedShapes}, kept in that order. */
    public static Parameters of(FreeTransformerConfig c, Map<String, INDArray> byName) {
        Map<String, INDArray> t = new LinkedHashMap<>();
        for (String name : expectedShapes(c).keySet()) {
            INDArray a = byName.get(name);
            if (a == null) {
                throw new IllegalArgumentException("missing tensor " + name);
            }
            t.put(name, a);
        }
        return new Parameters(t);
    }

    public INDArray get(String name) {
        INDArray a = tensors.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no tensor named " + name);
        }
        return a;
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(tensors.keySet()));
    }

    public Map<String, INDArray> asMap() {
        return Collections.unmodifiableMap(tensors);
    }

    public DataType dataType() {
        return tensors.values().iterator().next().dataType();
    }

    /** Sets every tensor to zero (reusing the buffers). */
    public void zero() {
        tensors.values().forEach(a -> a.assign(0));
    }

    /** A deep copy, optionally in another data type. */
    public Parameters copy(DataType dtype) {
        Map<String, INDArray> t = new LinkedHashMap<>();
        tensors.forEach((n, a) -> t.put(n, a.castTo(dtype).dup()));
        return new Parameters(t);
    }

    public long count() {
        return tensors.values().stream().mapToLong(INDArray::length).sum();
    }
}

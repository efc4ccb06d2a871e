package ftx.engine.decode;

import ftx.engine.model.Attention;
import ftx.engine.model.BinaryMapper;
import ftx.engine.model.Block;
import ftx.engine.model.BlockWeights;
import ftx.engine.model.Encoder;
import ftx.engine.model.FreeTransformer;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Linear;
import ftx.engine.model.RmsNorm;
import ftx.engine.model.RowLookup;
import ftx.engine.kernels.Ops;
import ftx.engine.kernels.HostMemory;
import ftx.engine.util.Workspaces;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runs the model position by position with a KV cache per block, for generation (SPEC section 2,
 * "Generation"): the prompt is prefilled in one pass and its Z comes from the encoder run on the
 * prompt alone; every later position costs one position per block and gets its Z from the caller.
 * All B sequences advance together. The KV caches live outside any workspace; a caller that
 * scopes temporaries must keep {@link #lowerHalf} and the following {@link #encodePending} /
 * {@link #upperHalf} of one position inside the same scope. Single positions (every generated
 * symbol) run on the host ({@link HostDecoderStep}) when the CPU kernels run ({@link Ops#hostKernels}) and
 * the model's arrays are host memory ({@link HostMemory#dense}); the prompt
 * prefill stays on ND4J.
 */
public final class IncrementalDecoder {
    private final FreeTransformer model;
    private final FreeTransformerConfig c;
    private final List<Attention.KvCache> caches = new ArrayList<>();
    private final int b;
    private INDArray pendingHalf; // X_half of the positions whose Z is not yet chosen [B*n, D]
    private int pendingLength;
    private boolean pending; // a lowerHalf whose upperHalf has not run yet
    private final boolean hostApplies;
    private HostDecoderStep host; // built at the first single-position step
    private double[] pendingHost; // X_half of one pending position per sequence [B*D], host path

    /** Allocates caches for B sequences of at most maxLength positions. */
    public IncrementalDecoder(FreeTransformer model, int b, int maxLength) {
        if (maxLength > model.maxPositions()) {
            throw new IllegalArgumentException("a sequence of " + maxLength + " positions exceeds the model's "
                    + model.maxPositions());
        }
        this.model = model;
        this.c = model.config();
        this.b = b;
        long[] shape = {b, c.nHeads(), maxLength, c.headDim()};
        try (MemoryWorkspace ignored = Workspaces.outside()) { // the caches outlive every step's scope
            for (int i = 0; i < c.nLayers(); i++) {
                caches.add(new Attention.KvCache(Nd4j.create(model.parameters().dataType(), shape),
                        Nd4j.create(model.parameters().dataType(), shape)));
            }
        }
        this.hostApplies = HostDecoderStep.applies(model, caches);
    }

    /**
     * A decoder for copies sequences that all start from this one's first sequence: its positions so
     * far are copied into every row of the new caches (a shared prefix decoded once). Nothing may be
     * pending here.
     */
    public IncrementalDecoder repeat(int copies) {
        if (pending) {
            throw new IllegalStateException("a position is pending: finish it before repeating the decoder");
        }
        IncrementalDecoder d = new IncrementalDecoder(model, copies, (int) caches.get(0).k.size(2));
        d.refill(this, 0, length());
        for (Attention.KvCache cache : d.caches) {
            cache.length = length();
        }
        return d;
    }

    /**
     * Moves every sequence to a length: the next position decoded is length. Positions below it keep
     * the keys and values the caches hold, which the caller must have decoded or refilled there.
     */
    public void rewind(int length) {
        if (length < 0 || length > caches.get(0).k.size(2)) {
            throw new IllegalArgumentException("cannot move to " + length + " positions; the caches hold "
                    + caches.get(0).k.size(2));
        }
        pending = false;
        pendingHost = null;
        pendingHalf = null;
        for (Attention.KvCache cache : caches) {
            cache.length = length;
        }
    }

    /**
     * Copies positions from..to-1 of the source's first sequence into every sequence of this decoder
     * (the keys and values of every block; lengths unchanged): a shared prefix restored after rows
     * diverged. The source must be a decoder of the same model with room for those positions.
     */
    public void refill(IncrementalDecoder source, int from, int to) {
        if (from >= to) {
            return;
        }
        if (to > source.length() || to > caches.get(0).k.size(2)) {
            throw new IllegalArgumentException("positions " + from + ".." + (to - 1) + " are not all in both decoders");
        }
        for (int i = 0; i < caches.size(); i++) {
            copyRows(source.caches.get(i).k, caches.get(i).k, from, to);
            copyRows(source.caches.get(i).v, caches.get(i).v, from, to);
        }
    }

    /** Positions from..to-1 of row 0 of src [1|B, nh, Tmax, hd] into every row of dst [B', nh, Tmax', hd]. */
    private static void copyRows(INDArray src, INDArray dst, int from, int to) {
        int rows = (int) dst.size(0);
        int heads = (int) dst.size(1);
        int hd = (int) dst.size(3);
        int n = (to - from) * hd;
        if (HostMemory.denseFloat(src, dst)) { // bulk copies of each head's run of positions
            long srcLength = src.size(2);
            long dstLength = dst.size(2);
            for (int h = 0; h < heads; h++) {
                float[] run = HostMemory.readFloats(src, (h * srcLength + from) * hd, n, 0).clone();
                for (int r = 0; r < rows; r++) {
                    HostMemory.writeFloats(run, dst, ((long) (r * heads + h) * dstLength + from) * hd, n);
                }
            }
            return;
        }
        org.nd4j.linalg.indexing.INDArrayIndex range = NDArrayIndex.interval(from, to);
        INDArray prefix = src.get(NDArrayIndex.interval(0, 1), NDArrayIndex.all(), range, NDArrayIndex.all());
        dst.get(NDArrayIndex.all(), NDArrayIndex.all(), range, NDArrayIndex.all())
                .assign(prefix.broadcast(rows, heads, to - from, hd));
    }

    /** True when single positions can run on the host (then they do, while {@link Ops#hostKernels} holds). */
    boolean hostSteps() {
        return hostApplies;
    }

    /** Positions processed so far. */
    public int length() {
        return caches.get(0).length;
    }

    /** The encoder's bits for the pending positions: probabilities [B*n*H] and sampled indices [B*n]. */
    public record Posterior(float[] bitProbabilities, int[] z) {
    }

    /** First half (blocks 1..L/2) for n new positions per sequence: tokens [B][n]. */
    public void lowerHalf(int[][] tokens) {
        int n = tokens[0].length;
        pendingHost = null;
        pending = true;
        if (n == 1 && hostApplies && Ops.current().hostKernels()) {
            if (host == null) {
                host = new HostDecoderStep(model);
            }
            int d = c.dModel();
            double[] x = new double[b * d];
            INDArray embed = model.parameters().get("embed.weight");
            for (int s = 0; s < b; s++) {
                if (tokens[s][0] < 0 || tokens[s][0] >= c.vocabSize()) {
                    throw new IllegalArgumentException("symbol index " + tokens[s][0] + " is outside 0.." + (c.vocabSize() - 1));
                }
                System.arraycopy(HostMemory.readRange(embed, (long) tokens[s][0] * d, d, 7), 0, x, s * d, d);
            }
            host.lowerHalf(x, b, caches);
            pendingHost = x;
            pendingHalf = null;
            pendingLength = 1;
            return;
        }
        INDArray x = RowLookup.forward(model.parameters().get("embed.weight"), FreeTransformer.flatten(tokens));
        for (int i = 0; i < c.nLayers() / 2; i++) {
            x = Block.forwardCached(x, null, BlockWeights.of(model.parameters(), BlockWeights.blockPrefix(i)),
                    model.rope(), c, b, n, caches.get(i));
        }
        pendingHalf = x;
        pendingLength = n;
    }

    /** Runs the encoder on the pending positions alone (the prompt) and samples Z with the uniforms [B*n*H]. */
    public Posterior encodePending(double[] uniforms) {
        if (!c.hasLatent()) {
            throw new IllegalStateException("the baseline has no encoder");
        }
        if (pendingHost != null) {
            pendingHalf = HostMemory.create(pendingHost, model.parameters().dataType(), b, c.dModel()); // [B*1, D]
        }
        Encoder.Output e = Encoder.forward(pendingHalf, model.parameters(), model.rope(), c, b, pendingLength);
        BinaryMapper.Sample s = BinaryMapper.sample(e.bitLogits(), uniforms);
        return new Posterior(s.probs().dup('c').castTo(DataType.FLOAT).data().asFloat(), s.z());
    }

    /** Second half with the chosen Z ([B*n], ignored by the baseline): logits of the last position [B][V]. */
    public float[][] upperHalf(int[] z) {
        pending = false;
        int half = c.nLayers() / 2;
        INDArray x = pendingHalf;
        INDArray kv = null;
        if (c.hasLatent()) {
            for (int i = 0; i < z.length; i++) {
                if (z[i] < 0 || z[i] >= c.latentCodes()) {
                    throw new IllegalArgumentException("Z index " + z[i] + " is outside 0.." + (c.latentCodes() - 1));
                }
            }
        }
        if (pendingHost != null) {
            float[][] logits = host.upperHalf(pendingHost, z, b, caches);
            pendingHost = null;
            return logits;
        }
        if (c.hasLatent()) {
            kv = x.add(RowLookup.forward(model.parameters().get("post.weight"), z));
        }
        for (int i = half; i < c.nLayers(); i++) {
            x = Block.forwardCached(x, i == half ? kv : null, BlockWeights.of(model.parameters(), BlockWeights.blockPrefix(i)),
                    model.rope(), c, b, pendingLength, caches.get(i));
        }
        INDArray xn = RmsNorm.forward(x, model.parameters().get("norm.weight"), c.normEps()).y();
        INDArray last = xn.reshape('c', b, pendingLength, c.dModel())
                .get(NDArrayIndex.all(), NDArrayIndex.point(pendingLength - 1), NDArrayIndex.all()).dup('c'); // [B, D]
        INDArray logits = Linear.forward(last, model.parameters().get("head.weight")); // [B, V]
        return logits.castTo(DataType.FLOAT).toFloatMatrix();
    }
}

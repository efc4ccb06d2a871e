package ftx.engine.model;

/**
 * The architecture of a Free Transformer (Fleuret 2025, section 3) or of the plain decoder
 * baseline ({@code latentBits == 0}). Field names follow {@code config.json} (SPEC section 5).
 *
 * @param vocabSize  V, number of symbols
 * @param dModel     D, width of the residual stream
 * @param nLayers    L, number of decoder blocks; even, Z is injected after block L/2
 * @param nHeads     attention heads; D must be divisible by it and the head size even (RoPE pairs)
 * @param ffnHidden  F, hidden size of the SwiGLU MLP
 * @param latentBits H, bits of the per-token latent Z (2^H codes); 0 = baseline without Z
 * @param ropeBase   RoPE base (10000 in Llama)
 * @param normEps    epsilon of RMSNorm
 */
public record FreeTransformerConfig(int vocabSize, int dModel, int nLayers, int nHeads, int ffnHidden,
                                    int latentBits, double ropeBase, double normEps) {

    /** Largest H the engine accepts (2^16 codes). */
    public static final int MAX_LATENT_BITS = 16;
    /** Bounds far above a toy model, so that a crafted config cannot make the engine loop or overflow. */
    public static final int MAX_VOCAB = 1 << 20;
    public static final int MAX_WIDTH = 1 << 16;
    public static final int MAX_LAYERS = 1024;

    public FreeTransformerConfig {
        require(vocabSize >= 2 && vocabSize <= MAX_VOCAB, "vocab_size must be in 2.." + MAX_VOCAB + ", got " + vocabSize);
        require(dModel >= 2 && dModel <= MAX_WIDTH, "d_model must be in 2.." + MAX_WIDTH + ", got " + dModel);
        require(nLayers >= 2 && nLayers % 2 == 0 && nLayers <= MAX_LAYERS,
                "n_layers must be even, in 2.." + MAX_LAYERS + " (Z is injected halfway up), got " + nLayers);
        require(nHeads >= 1, "n_heads must be at least 1, got " + nHeads);
        require(dModel % nHeads == 0, "d_model " + dModel + " is not divisible by n_heads " + nHeads);
        require((dModel / nHeads) % 2 == 0, "head size d_model/n_heads = " + (dModel / nHeads) + " must be even for RoPE");
        require(ffnHidden >= 1 && ffnHidden <= 4 * MAX_WIDTH, "ffn_hidden must be in 1.." + 4 * MAX_WIDTH + ", got " + ffnHidden);
        require(latentBits >= 0 && latentBits <= MAX_LATENT_BITS,
                "latent_bits (H) must be in 1.." + MAX_LATENT_BITS + " (or 0 for the baseline), got " + latentBits);
        require(ropeBase > 1 && Double.isFinite(ropeBase), "rope_base must be finite and > 1, got " + ropeBase);
        require(normEps > 0 && normEps < 1, "norm_eps must be in (0, 1), got " + normEps);
    }

    /** The paper's toy size (SPEC section 4): D=128, L=4, 4 heads, F=384. */
    public static FreeTransformerConfig toy(int vocabSize, int latentBits) {
        return new FreeTransformerConfig(vocabSize, 128, 4, 4, 384, latentBits, 10000.0, 1e-5);
    }

    public boolean hasLatent() {
        return latentBits > 0;
    }

    /** Number of latent codes 2^H. */
    public int latentCodes() {
        return 1 << latentBits;
    }

    public int headDim() {
        return dModel / nHeads;
    }

    /** Number of weights (the tensors of {@link Parameters#expectedShapes}), counted without allocating. */
    public long parameterCount() {
        long d = dModel;
        long block = 2 * d + 4 * d * d + 3 * d * ffnHidden;
        long n = 2L * vocabSize * d + nLayers * block + d;
        if (hasLatent()) {
            n += d + block + d + (long) latentBits * d + latentBits + (long) latentCodes() * d; // zeta, encoder, readout, post
        }
        return n;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}

package ftx.engine.model;

/**
 * RoPE's cosines and sines in float for positions 0.. of a sequence, row-major [positions][D]
 * (the angle of column c of a head is that of its pair), for the kernels that rotate q and k
 * while they copy them ({@link AttentionHead}). From {@link Rope#table}.
 */
record RopeTable(float[] cos, float[] sin) {
}

# Sourced by ./ftx and ./ftx-app: the engine's thread and BLAS settings, measured on 2 cores
# (README, Performance). Exported values win; FTX_OPENBLAS_CORETYPE overrides the kernel choice.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
# OpenBLAS kernel: on an AVX-512 CPU, SkylakeX ran the toy GEMMs ~1.7x faster than Haswell (the
# machine default) and the golden tests pass with it.
if [ -z "${FTX_OPENBLAS_CORETYPE:-}" ] && grep -qw avx512f /proc/cpuinfo 2>/dev/null; then FTX_OPENBLAS_CORETYPE=SkylakeX; fi
if [ -n "${FTX_OPENBLAS_CORETYPE:-}" ]; then export OPENBLAS_CORETYPE="$FTX_OPENBLAS_CORETYPE"; fi
# Java options of the engine's SIMD kernels (README, Performance): the Vector API module.
FTX_JVM_FLAGS="--add-modules jdk.incubator.vector"

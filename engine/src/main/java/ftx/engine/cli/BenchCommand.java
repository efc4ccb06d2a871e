package ftx.engine.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.engine.generate.GenerationRequest;
import ftx.engine.generate.Generator;
import ftx.engine.generate.TokenListener;
import ftx.engine.generate.ZPolicy;
import ftx.engine.inside.InsideSequence;
import ftx.engine.inside.ZChoice;
import ftx.engine.model.FreeTransformer;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Initializer;
import ftx.engine.model.KlBudget;
import ftx.engine.task.SyntheticTask;
import ftx.engine.train.LatentRecipe;
import ftx.engine.train.Trainer;
import ftx.engine.train.TrainingConfig;
import ftx.engine.train.TrainingThreads;
import ftx.engine.kernels.BlasProfile;
import ftx.engine.kernels.Ops;
import ftx.engine.kernels.OpsChoice;
import ftx.engine.kernels.Simd;
import ftx.engine.util.Rng;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code ftx bench}: the rows of the speed issue on the toy configuration (SPEC section 4): medians
 * with min/max over timed runs after warm-up, peak resident memory per row, and what ran them
 * (backend, training threads, OpenMP and BLAS threads, BLAS core type, host kernels on or off,
 * machine load).
 */
final class BenchCommand implements Command {
    private static final List<String> ALL_ROWS = List.of("train-h8", "train-h8-frozen", "train-h16", "train-baseline", "generate-1",
            "generate-8x64", "pause-h8", "inside-h8");
    /** Rows run only when asked for (--rows), since they take minutes. */
    private static final List<String> EXTRA_ROWS = List.of("train-probe");

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public java.util.Set<String> flags() {
        return java.util.Set.of("json", "plain", "products");
    }

    @Override
    public String summary() {
        return "measure training tokens/s and generation ms/token (medians, min, max)";
    }

    @Override
    public String usage() {
        return """
                usage: ftx bench [--rows LIST] [--runs 5] [--warmup 15] [--batch 64] [--d-model 128] [--threads 1|2]
                                 [--plain] [--products] [--json]
                  Toy configuration of the paper's task: D=128, L=4, 4 heads, F=384, batch 64 x 65.
                  rows (comma-separated, default all): %s
                    train-*: one optimizer step per run -> ms/step, tokens/s (predicted positions)
                    train-h8-frozen: as train-h8 with the encoder frozen from step 1 (--freeze-encoder-at):
                      the backward stops above Z
                    generate-1: batch 1, 64 new symbols with the KV cache -> ms per symbol
                    generate-8x64: 8 sequences x 64 new symbols -> ms per call
                    inside-h8: the Inside page after a change of position on a 64-symbol sequence at H=8:
                      the next-symbol numbers and the traversal of 256 codes with 8 symbols of continuation
                    pause-h8: a pause asked at a different point of a training step each run -> ms until
                      the training thread is parked
                    train-probe (only when listed; about runs x 2 x --window seconds): the Train page's default
                      model (D=64, batch 32) trains in windows of --window seconds (default 30), alternately
                      without and with the live probe every 5 s -> ms/step per window, and the ratio
                  --warmup: untimed runs first; the JIT compiles the SIMD kernels during the first ten or so
                    training steps (H=8 with 2 warm-up steps measured 364 ms/step, with 20: 239).
                  --threads: training threads per step (default 2 on two cores); --threads 1 runs both batch
                    shards on one thread, to compare in one build.
                  --plain: the plain ND4J operations (the CPU kernels off), to compare with the default in one build.
                  --products: for train-* rows, also the time of the matrix products per step (summed over the
                    training threads) against the process's CPU time, and their GFLOP/s, per shape.
                  Prints the backend, threads and BLAS core type in use, the load average, and each
                  row's peak resident memory (the peak is reset before each row where Linux allows).
                """.formatted(String.join(",", ALL_ROWS));
    }

    /**
     * samples: wall-clock ms per run; cpu: this thread's CPU ms per run (less sensitive to other
     * load); products: the matrix products of the timed runs with the process's CPU ms per run, or null.
     */
    private record Row(String name, String unit, double[] samples, double[] cpu, double tokensPerRun, long peakKb,
                       Products products) {
        double median() {
            return medianOf(samples);
        }

        double cpuMedian() {
            return medianOf(cpu);
        }

        static double medianOf(double[] v) {
            double[] s = v.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        double min() {
            return Arrays.stream(samples).min().orElse(0);
        }

        double max() {
            return Arrays.stream(samples).max().orElse(0);
        }
    }

    @Override
    public void run(Args args, PrintStream out, PrintStream err) throws Exception {
        List<String> rows = List.of(args.string("rows", String.join(",", ALL_ROWS)).split(","));
        int runs = args.integer("runs", 5);
        int warmup = args.integer("warmup", 15);
        int batch = args.integer("batch", 64);
        int d = args.integer("d-model", 128);
        boolean json = args.flag("json");
        boolean plain = args.flag("plain");
        boolean products = args.flag("products");
        double window = args.number("window", 30);
        TrainCommand.threads(args);
        args.rejectUnknown();
        for (String r : rows) {
            if (!ALL_ROWS.contains(r) && !EXTRA_ROWS.contains(r)) {
                throw new Args.UsageException("unknown row \"" + r + "\"; rows: " + String.join(",", ALL_ROWS) + ","
                        + String.join(",", EXTRA_ROWS));
            }
        }
        if (!(window >= 5)) {
            throw new Args.UsageException("--window must be at least 5 seconds (one probe interval), got " + window);
        }
        if (runs < 1 || warmup < 0) {
            throw new Args.UsageException("--runs must be >= 1 and --warmup >= 0");
        }
        OpsChoice.use(!plain);
        String loadBefore = loadAverage();
        List<Row> results = new ArrayList<>();
        for (String r : rows) {
            err.println("bench " + r + " ...");
            if (r.equals("train-probe")) {
                double[][] ms = ProbeBench.windows(runs, window);
                double[] noCpu = new double[runs];
                Arrays.fill(noCpu, Double.NaN);
                results.add(new Row("probe-off", "ms/step (D=64, b=32)", ms[0], noCpu, ProbeBench.BATCH * 65.0, -1, null));
                results.add(new Row("probe-on", "ms/step (D=64, b=32)", ms[1], noCpu, ProbeBench.BATCH * 65.0, -1, null));
                continue;
            }
            boolean reset = resetPeakResident();
            Row row = switch (r) {
                case "train-h8" -> train(r, 8, batch, d, runs, warmup, products);
                case "train-h8-frozen" -> train(r, 8, batch, d, runs, warmup, products);
                case "train-h16" -> train(r, 16, batch, d, runs, warmup, products);
                case "train-baseline" -> train(r, 0, batch, d, runs, warmup, products);
                case "generate-1" -> generate(r, 1, d, runs, warmup);
                case "generate-8x64" -> generate(r, 8, d, runs, warmup);
                case "inside-h8" -> inside(r, d, runs, warmup);
                default -> pause(r, batch, d, runs, warmup);
            };
            results.add(new Row(row.name(), row.unit(), row.samples(), row.cpu(), row.tokensPerRun(),
                    reset ? peakResidentKb() : -1, row.products()));
        }
        report(results, runs, warmup, json, out, loadBefore + " -> " + loadAverage());
    }

    private static Row train(String name, int h, int batch, int d, int runs, int warmup, boolean products) {
        FreeTransformerConfig c = new FreeTransformerConfig(29, d, 4, 4, 3 * d, h, 10000, 1e-5);
        LatentRecipe recipe = name.endsWith("-frozen") ? new LatentRecipe(KlBudget.PER_TOKEN, 0, 0, 1, 1, 0, 0)
                : LatentRecipe.PAPER;
        TrainingConfig tc = new TrainingConfig(runs + warmup, batch, 1e-3, 0, 0.1, 0.1, 0.9, 0.95, 1e-8, 1.0,
                0.125 * TrainingConfig.LOG2, 1, 0, recipe);
        Trainer t = Trainer.start(c, new SyntheticTask(), tc);
        if (products) {
            for (int i = 0; i < warmup; i++) {
                t.trainStep();
            }
            long cpu0 = Products.processCpuNanos();
            BlasProfile.start();
            double[][] ms = time(runs, 0, () -> t.trainStep());
            List<BlasProfile.Entry> shapes = BlasProfile.stop();
            return new Row(name, "ms/step", ms[0], ms[1], batch * 65.0, 0,
                    new Products(shapes, runs, (Products.processCpuNanos() - cpu0) / 1e6 / runs));
        }
        double[][] ms = time(runs, warmup, () -> t.trainStep());
        return new Row(name, "ms/step", ms[0], ms[1], batch * 65.0, 0, null);
    }

    private static Row generate(String name, int sequences, int d, int runs, int warmup) {
        FreeTransformerConfig c = new FreeTransformerConfig(29, d, 4, 4, 3 * d, 8, 10000, 1e-5);
        FreeTransformer m = new FreeTransformer(c, Initializer.init(c, new Rng(1), DataType.FLOAT), 256);
        int[][] prompts = new int[sequences][];
        Arrays.fill(prompts, new int[] {1, 28});
        GenerationRequest req = new GenerationRequest(prompts, 64, 1.0, 0, 1, ZPolicy.prior());
        double[][] ms = time(runs, warmup, () -> Generator.generate(m, req, TokenListener.NONE));
        return new Row(name, sequences == 1 ? "ms/call (64 symbols)" : "ms/call (8x64 symbols)", ms[0], ms[1],
                sequences * 64.0, 0, null);
    }

    private static Row inside(String name, int d, int runs, int warmup) {
        FreeTransformerConfig c = new FreeTransformerConfig(29, d, 4, 4, 3 * d, 8, 10000, 1e-5);
        FreeTransformer m = new FreeTransformer(c, Initializer.init(c, new Rng(1), DataType.FLOAT), 256);
        Rng rng = new Rng(2);
        int[] tokens = new int[64];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = rng.nextInt(29);
        }
        InsideSequence s = new InsideSequence(m, tokens, ZChoice.MOST_LIKELY, 1, InsideSequence.DEFAULT_PRIOR_DRAWS);
        int[] position = {0};
        double[][] ms = time(runs, warmup, () -> s.at(position[0]++ * 7 % 64, null, InsideSequence.DEFAULT_CONTINUATION));
        return new Row(name, "ms per position (256 codes)", ms[0], ms[1], 256 * 9.0, 0, null);
    }

    private static Row pause(String name, int batch, int d, int runs, int warmup) throws InterruptedException {
        double[] ms = PauseBench.latencies(runs, warmup, batch, d);
        double[] noCpu = new double[runs];
        java.util.Arrays.fill(noCpu, Double.NaN);
        return new Row(name, "ms to pause", ms, noCpu, 0, 0, null);
    }

    /** {wall ms, thread CPU ms} of each timed run. */
    private static double[][] time(int runs, int warmup, Runnable run) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warmup; i++) {
            run.run();
        }
        double[][] ms = new double[2][runs];
        for (int i = 0; i < runs; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            run.run();
            ms[0][i] = (System.nanoTime() - t0) / 1e6;
            ms[1][i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        return ms;
    }

    private static void report(List<Row> rows, int runs, int warmup, boolean json, PrintStream out, String load)
            throws Exception {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        int threads = Nd4j.getEnvironment().maxThreads();
        int blasThreads = Nd4j.factory().blas().getMaxThreads();
        String blas = String.valueOf(Nd4j.factory().blas().getBlasVendor());
        String coreType = String.valueOf(System.getenv("OPENBLAS_CORETYPE"));
        String kernels = !Ops.current().hostKernels() ? "plain ND4J"
                : Simd.enabled() ? "SIMD (Vector API) and host" : "host (no SIMD: " + Simd.offReason() + ")";
        long peakKb = peakResidentKb();
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("backend", backend);
            root.put("threads", threads);
            root.put("trainingThreads", TrainingThreads.inUse());
            root.put("blasThreads", blasThreads);
            root.put("blas", blas);
            root.put("openblasCoretype", coreType);
            root.put("kernels", kernels);
            root.put("loadAverage", load);
            root.put("runs", runs);
            root.put("warmup", warmup);
            root.put("peakResidentMiB", peakKb / 1024.0);
            ArrayNode arr = root.putArray("rows");
            for (Row r : rows) {
                ObjectNode o = arr.addObject();
                o.put("name", r.name());
                o.put("unit", r.unit());
                o.put("median", r.median());
                o.put("min", r.min());
                o.put("max", r.max());
                if (r.tokensPerRun() > 0) { // a timing row (the pause row has neither)
                    if (Double.isFinite(r.cpuMedian())) {
                        o.put("cpuMedian", r.cpuMedian());
                    }
                    o.put("tokensPerSecond", r.tokensPerRun() / (r.median() / 1000));
                    o.put("msPerToken", r.median() / r.tokensPerRun());
                }
                if (r.peakKb() >= 0) {
                    o.put("peakResidentMiB", r.peakKb() / 1024.0);
                }
                if (r.products() != null) {
                    r.products().toJson(o.putObject("products"));
                }
            }
            Json.print(out, root);
            return;
        }
        out.printf("backend %s, training steps on %d thread(s), %d OpenMP thread(s) per op, BLAS %s with %d thread(s),"
                + " OPENBLAS_CORETYPE=%s, %s kernels%n", backend, TrainingThreads.inUse(), threads, blas, blasThreads,
                coreType, kernels);
        out.printf("%d timed runs after %d warm-up; load average (1 min) %s; medians of wall time, and of this thread's"
                + " CPU time (cpu med; a second training thread's CPU is not in it)%n", runs, warmup, load);
        out.printf("%-15s %-24s %10s %10s %10s %10s %12s %10s %9s%n", "row", "unit", "median", "min", "max", "cpu med",
                "tokens/s", "ms/token", "peak MiB");
        for (Row r : rows) {
            boolean tokens = r.tokensPerRun() > 0;
            out.printf("%-15s %-24s %10.2f %10.2f %10.2f %10s %12s %10s %9s%n", r.name(), r.unit(), r.median(), r.min(),
                    r.max(), Double.isNaN(r.cpuMedian()) ? "-" : String.format("%.2f", r.cpuMedian()),
                    tokens ? String.format("%.0f", r.tokensPerRun() / (r.median() / 1000)) : "-",
                    tokens ? String.format("%.4f", r.median() / r.tokensPerRun()) : "-",
                    r.peakKb() >= 0 ? String.format("%.0f", r.peakKb() / 1024.0) : "n/a");
        }
        Row h8 = find(rows, "train-h8");
        Row base = find(rows, "train-baseline");
        if (h8 != null && base != null) {
            out.printf("train-h8 / train-baseline step time: %.2fx%n", h8.median() / base.median());
        }
        Row on = find(rows, "probe-on");
        Row off = find(rows, "probe-off");
        if (on != null && off != null) {
            out.printf("probe-on / probe-off step time: %.3fx (windows alternated, medians)%n", on.median() / off.median());
        }
        out.printf("peak resident memory of the process %.0f MiB%n", peakKb / 1024.0);
        for (Row r : rows) {
            if (r.products() != null) {
                r.products().print(r.name(), out);
            }
        }
    }

    private static Row find(List<Row> rows, String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    /** Resets the process's peak resident set (Linux: "5" to /proc/self/clear_refs); false where that is not possible. */
    private static boolean resetPeakResident() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "n/a";
        }
    }

    /** VmHWM from /proc/self/status (Linux), 0 elsewhere. */
    private static long peakResidentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            return 0;
        }
        return 0;
    }
}

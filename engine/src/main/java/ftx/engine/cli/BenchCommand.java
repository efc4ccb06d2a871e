package ftx.engine.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.engine.generate.GenerationRequest;
import ftx.engine.generate.Generator;
import ftx.engine.generate.TokenListener;
import ftx.engine.generate.ZPolicy;
import ftx.engine.model.FreeTransformer;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Initializer;
import ftx.engine.task.SyntheticTask;
import ftx.engine.train.Trainer;
import ftx.engine.train.TrainingConfig;
import ftx.engine.util.Rng;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** {@code ftx bench}: training and generation speed on the toy configuration, medians over timed runs. */
final class BenchCommand implements Command {
    private static final List<String> ALL_ROWS = List.of("train-h8", "train-h16", "train-baseline", "generate-1", "generate-8x64");

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure training tokens/s and generation ms/token (medians, min, max)";
    }

    @Override
    public String usage() {
        return """
                usage: ftx bench [--rows LIST] [--runs 5] [--warmup 2] [--batch 64] [--d-model 128] [--json]
                  Toy configuration of the paper's task: D=128, L=4, 4 heads, F=384, batch 64 x 65.
                  rows (comma-separated, default all): %s
                    train-*: one optimizer step per run -> ms/step, tokens/s (predicted positions)
                    generate-1: batch 1, 64 new symbols with the KV cache -> ms per symbol
                    generate-8x64: 8 sequences x 64 new symbols -> ms per call
                  Prints the backend, threads and BLAS core type in use, and peak resident memory.
                """.formatted(String.join(",", ALL_ROWS));
    }

    private record Row(String name, String unit, double[] samples, double tokensPerRun) {
        double median() {
            double[] s = samples.clone();
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
        int warmup = args.integer("warmup", 2);
        int batch = args.integer("batch", 64);
        int d = args.integer("d-model", 128);
        boolean json = args.flag("json");
        args.rejectUnknown();
        for (String r : rows) {
            if (!ALL_ROWS.contains(r)) {
                throw new Args.UsageException("unknown row \"" + r + "\"; rows: " + String.join(",", ALL_ROWS));
            }
        }
        if (runs < 1 || warmup < 0) {
            throw new Args.UsageException("--runs must be >= 1 and --warmup >= 0");
        }
        List<Row> results = new ArrayList<>();
        for (String r : rows) {
            err.println("bench " + r + " ...");
            results.add(switch (r) {
                case "train-h8" -> train(r, 8, batch, d, runs, warmup);
                case "train-h16" -> train(r, 16, batch, d, runs, warmup);
                case "train-baseline" -> train(r, 0, batch, d, runs, warmup);
                case "generate-1" -> generate(r, 1, d, runs, warmup);
                default -> generate(r, 8, d, runs, warmup);
            });
        }
        report(results, runs, warmup, json, out);
    }

    private static Row train(String name, int h, int batch, int d, int runs, int warmup) {
        FreeTransformerConfig c = new FreeTransformerConfig(29, d, 4, 4, 3 * d, h, 10000, 1e-5);
        TrainingConfig tc = new TrainingConfig(runs + warmup, batch, 1e-3, 0, 0.1, 0.1, 0.9, 0.95, 1e-8, 1.0,
                0.125 * TrainingConfig.LOG2, 1, 0);
        Trainer t = Trainer.start(c, new SyntheticTask(), tc);
        double[] ms = time(runs, warmup, () -> t.trainStep().msPerStep());
        return new Row(name, "ms/step", ms, batch * 65.0);
    }

    private static Row generate(String name, int sequences, int d, int runs, int warmup) {
        FreeTransformerConfig c = new FreeTransformerConfig(29, d, 4, 4, 3 * d, 8, 10000, 1e-5);
        FreeTransformer m = new FreeTransformer(c, Initializer.init(c, new Rng(1), DataType.FLOAT), 256);
        int[][] prompts = new int[sequences][];
        Arrays.fill(prompts, new int[] {1, 28});
        GenerationRequest req = new GenerationRequest(prompts, 64, 1.0, 0, 1, ZPolicy.prior());
        double[] ms = time(runs, warmup, () -> {
            long t0 = System.nanoTime();
            Generator.generate(m, req, TokenListener.NONE);
            return (System.nanoTime() - t0) / 1e6;
        });
        return new Row(name, sequences == 1 ? "ms/call (64 symbols)" : "ms/call (8x64 symbols)", ms, sequences * 64.0);
    }

    private static double[] time(int runs, int warmup, DoubleSupplier run) {
        for (int i = 0; i < warmup; i++) {
            run.getAsDouble();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            ms[i] = run.getAsDouble();
        }
        return ms;
    }

    private static void report(List<Row> rows, int runs, int warmup, boolean json, PrintStream out) throws Exception {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        int threads = Nd4j.getEnvironment().maxThreads();
        String coreType = String.valueOf(System.getenv("OPENBLAS_CORETYPE"));
        long peakKb = peakResidentKb();
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("backend", backend);
            root.put("threads", threads);
            root.put("openblasCoretype", coreType);
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
                o.put("tokensPerSecond", r.tokensPerRun() / (r.median() / 1000));
                o.put("msPerToken", r.median() / r.tokensPerRun());
            }
            Json.print(out, root);
            return;
        }
        out.printf("backend %s, %d thread(s), OPENBLAS_CORETYPE=%s, %d timed runs after %d warm-up%n", backend, threads,
                coreType, runs, warmup);
        out.printf("%-15s %-24s %10s %10s %10s %12s %10s%n", "row", "unit", "median", "min", "max", "tokens/s", "ms/token");
        for (Row r : rows) {
            out.printf("%-15s %-24s %10.2f %10.2f %10.2f %12.0f %10.4f%n", r.name(), r.unit(), r.median(), r.min(), r.max(),
                    r.tokensPerRun() / (r.median() / 1000), r.median() / r.tokensPerRun());
        }
        out.printf("peak resident memory %.0f MiB%n", peakKb / 1024.0);
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

package ftx.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ftx.engine.checkpoint.CheckpointStore;
import ftx.engine.cli.Main;
import ftx.engine.model.Parameters;
import ftx.engine.sweep.EmbeddedRunner;
import ftx.engine.sweep.Sweep;
import ftx.engine.sweep.SweepRow;
import ftx.engine.sweep.SweepSpec;
import ftx.engine.sweep.WeightsHash;
import ftx.engine.train.RunControl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A sweep on a real Spark standalone cluster on 127.0.0.1 (a Master and two Workers, each its own
 * JVM): a Worker killed while a row trains, its executor reaped, and the sweep still lands every
 * row exactly once, with the same weights as the embedded runner and as {@code ftx train}.
 */
class SparkClusterSweepTest {
    private static final int STEPS = 300;

    @TempDir
    Path tmp;

    static SweepSpec spec(int steps) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("d-model", "16");
        options.put("layers", "2");
        options.put("heads", "2");
        options.put("ffn", "32");
        options.put("batch", "8");
        options.put("steps", String.valueOf(steps));
        options.put("latent-bits", "4");
        options.put("kappa-bits", "1");
        return new SweepSpec(options, Map.of("seed", List.of("1", "2", "3", "4")), false,
                new SweepSpec.Evaluation(2, 2, 4, 1), null, 1, true);
    }

    static Map<String, String> loopbackDriver() {
        Map<String, String> conf = new HashMap<>();
        conf.put("spark.driver.host", "127.0.0.1");
        conf.put("spark.driver.bindAddress", "127.0.0.1");
        conf.put("spark.executor.memory", "1g");
        conf.put("spark.executor.heartbeatInterval", "1s");
        return conf;
    }

    @Test
    void aWorkerKilledMidRowStillGivesEveryRowOnceWithTheEmbeddedRunnersWeights() {
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
            SweepSpec spec = spec(STEPS);
            Path out = tmp.resolve("spark-sweep");
            Map<String, String> executorOfRow = new ConcurrentHashMap<>();
            List<String> retried = new ArrayList<>();
            AtomicReference<String> killedRow = new AtomicReference<>();
            List<Long> killedPids = new ArrayList<>();
            Sweep.Outcome o;
            try (LocalCluster cluster = LocalCluster.start(tmp.resolve("cluster"), 2, 1);
                 SparkSweepRunner runner = new SparkSweepRunner(cluster.masterUrl(), loopbackDriver())) {
                Sweep.Listener killer = new Sweep.Listener() {
                    @Override
                    public void started(SweepRow row, String where) {
                        executorOfRow.put(row.name(), where.replaceAll("spark executor (\\S+) on.*", "$1"));
                    }

                    @Override
                    public void progress(SweepRow row, int step, int totalSteps, double msPerStep) {
                        // the chosen point: the first row to report 20 steps has its worker killed
                        if (step >= 20 && step < totalSteps && killedRow.compareAndSet(null, row.name())) {
                            String executor = executorOfRow.get(row.name());
                            Process worker = cluster.workerOf(executor).orElseThrow(() ->
                                    new AssertionError("no worker runs executor " + executor));
                            try {
                                killedPids.addAll(cluster.kill(worker));
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }

                    @Override
                    public void retried(SweepRow row, String why) {
                        synchronized (retried) {
                            retried.add(row.name());
                        }
                    }
                };
                o = Sweep.run(spec, out, runner, killer, new RunControl());
                assertNotNull(killedRow.get(), "a row reported its progress and its worker was killed");
                assertTrue(retried.contains(killedRow.get()), "the killed row ran again: " + retried);
                for (long pid : killedPids) {
                    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " reaped");
                }
                assertTrue(runner.report().startsWith("spark, per row"), runner.report());
            }
            assertEquals(new Sweep.Outcome(4, 0, 4, 0, false), o);
            Map<String, String> sparkHashes = hashes(out);
            assertEquals(4, sparkHashes.size(), "every row exactly once: " + sparkHashes.keySet());
            try (Stream<Path> s = Files.list(out)) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".partial")), "no half-written row folder");
            }
            for (String row : sparkHashes.keySet()) {
                Parameters saved = CheckpointStore.load(out.resolve(row), DataType.FLOAT).weights();
                assertEquals(sparkHashes.get(row), WeightsHash.of(saved), row + ": the folder holds the weights the executor hashed");
            }

            Path embedded = tmp.resolve("embedded");
            assertEquals(0, Sweep.run(spec, embedded, new EmbeddedRunner(2), new Sweep.Listener() { }, new RunControl())
                    .exitCode());
            assertEquals(hashes(embedded), sparkHashes, "bit-identical weights on Spark executors and in this process");

            Path trained = tmp.resolve("ftx-train");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(new String[] {"train", "--out", trained.toString(), "--d-model", "16", "--layers", "2",
                "--heads", "2", "--ffn", "32", "--batch", "8", "--steps", String.valueOf(STEPS), "--latent-bits", "4",
                "--kappa-bits", "1", "--seed", "3", "--threads", "1", "--probe", "off"}, new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err));
            assertEquals(0, code, err.toString());
            assertEquals(sparkHashes.get("h4-kappa-1-bits-seed-3"),
                    WeightsHash.of(CheckpointStore.load(trained, DataType.FLOAT).weights()),
                    "the row trained on a Spark executor equals ftx train with the same options");
        });
    }

    private static Map<String, String> hashes(Path sweep) throws Exception {
        JsonNode rows = new ObjectMapper().readTree(sweep.resolve("results.json").toFile()).get("rows");
        Map<String, String> m = new java.util.TreeMap<>();
        for (JsonNode r : rows) {
            assertEquals("done", r.get("status").asText(), r.toString());
            assertTrue(m.put(r.get("name").asText(), r.get("weightsHash").asText()) == null, "row twice: " + r.get("name"));
        }
        return m;
    }

}

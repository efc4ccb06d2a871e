package ftx.spark;

import ftx.engine.sweep.RowResult;
import ftx.engine.sweep.RowSink;
import ftx.engine.sweep.SweepRow;
import ftx.engine.sweep.SweepRunner;
import ftx.engine.sweep.SweepSpec;
import ftx.engine.train.RunControl;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.util.LongAccumulator;
import scala.Function0;
import scala.Function1;
import scala.Function2;
import scala.collection.Iterator;
import scala.runtime.BoxedUnit;

/**
 * A sweep on Apache Spark: one job whose every task is a row ({@code spark.task.cpus} = the
 * spec's threads per row). The executor trains and evaluates the row and returns its result with
 * the checkpoint's bytes; a result handler per task hands each row to the sweep as it lands (the
 * driver writes the folder), so no shared filesystem is needed and a stopped sweep keeps what
 * landed. Spark's scheduler places the rows and runs a row again when its executor is lost.
 */
final class SparkSweepRunner implements SweepRunner {
    static final String STEPS = "ftx.row.steps";
    private final String master;
    private final Map<String, String> settings;
    private RowEvents events;
    private final Map<Integer, Long> runMillis = new java.util.concurrent.ConcurrentHashMap<>();
    private SparkContext context;

    SparkSweepRunner(String master, Map<String, String> settings) {
        this.master = master;
        this.settings = new LinkedHashMap<>(settings);
    }

    @Override
    public String describe() {
        return "Apache Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + " at " + master;
    }

    /** Checks the master (within seconds) and starts the driver's context, before the sweep writes anything. */
    @Override
    public void prepare(SweepSpec spec) throws InterruptedException {
        MasterCheck.reachable(master);
        if (context == null) {
            context = MasterCheck.startContext(master, conf(spec));
        }
    }

    /** The driver's settings: this JVM's classpath and options for the executors, the row's CPUs, quiet logs. */
    SparkConf conf(SweepSpec spec) {
        SparkConf c = new SparkConf().setMaster(master).setAppName("ftx sweep")
                .set("spark.task.cpus", String.valueOf(spec.threadsPerRow()))
                .set("spark.task.maxFailures", "4")
                .set("spark.executor.heartbeatInterval", "2s")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.maxResultSize", "2g")
                .set("spark.executorEnv.OMP_NUM_THREADS", env("OMP_NUM_THREADS", "1"));
        String core = System.getenv("OPENBLAS_CORETYPE");
        if (core != null) {
            c.set("spark.executorEnv.OPENBLAS_CORETYPE", core);
        }
        if (!master.startsWith("local")) {
            // the executors run this program's classes from the same paths (one host, or one install per host)
            c.set("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        }
        c.set("spark.executor.extraJavaOptions", "--add-modules jdk.incubator.vector");
        settings.forEach(c::set);
        return c;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }

    @Override
    public void run(SweepSpec spec, List<SweepRow> rows, RowSink sink, RunControl control) throws Exception {
        prepare(spec);
        LongAccumulator steps = context.longAccumulator(STEPS);
        events = new RowEvents(rows, sink, STEPS);
        context.addSparkListener(events);
        List<RowTask.Row> plain = rows.stream().map(RowTask.Row::of).toList();
        RowTask task = new RowTask(spec, plain, steps);
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            indices.add(i);
        }
        String group = "ftx-sweep-" + UUID.randomUUID();
        context.setJobGroup(group, "ftx sweep of " + rows.size() + " rows", true);
        RDD<Integer> rdd = new JavaSparkContext(context).parallelize(indices, rows.size()).rdd();
        AtomicReference<Exception> landing = new AtomicReference<>();
        Function1<Iterator<Integer>, RowResult> work = (Function1<Iterator<Integer>, RowResult> & Serializable)
                it -> task.run(it.next());
        Function2<Object, RowResult, BoxedUnit> handler = (partition, result) -> {
            runMillis.put((Integer) partition, Math.round(result.runSeconds() * 1000));
            try {
                sink.landed(rows.get((Integer) partition), result);
            } catch (IOException | RuntimeException e) {
                landing.compareAndSet(null, e);
            }
            return BoxedUnit.UNIT;
        };
        Function0<Object> none = () -> null;
        List<Object> partitions = new ArrayList<>(indices);
        SimpleFutureAction<Object> job = context.submitJob(rdd, work,
                scala.jdk.javaapi.CollectionConverters.asScala(partitions).toList(), handler, none);
        Thread stopper = new Thread(() -> {
            try {
                while (!job.isCompleted()) {
                    if (control.isStopRequested()) {
                        context.cancelJobGroup(group);
                        return;
                    }
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ftx-sweep-stop-watch");
        stopper.setDaemon(true);
        stopper.start();
        try {
            job.get();
        } catch (Exception e) {
            if (!control.isStopRequested()) {
                throw new IllegalStateException("the Spark job failed: " + e.getMessage(), e);
            }
        } finally {
            stopper.interrupt();
        }
        if (landing.get() != null) {
            throw landing.get();
        }
    }

    @Override
    public String report() {
        return events == null ? null : events.overhead(runMillis);
    }

    @Override
    public void close() {
        if (context != null) {
            context.stop();
            context = null;
        }
    }
}

package ftx.spark;

import ftx.engine.sweep.RowSink;
import ftx.engine.sweep.SweepRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.TaskInfo;
import scala.Tuple4;

/**
 * Spark's scheduler events for a sweep's job, told to the sweep as row events: a task starts
 * (the row is running, on which executor), an executor heartbeat carries a running task's step
 * counter (its progress), a task ends without success (the row runs again). It also keeps each
 * finished task's timings, for the overhead per row that {@link #overhead} reports.
 */
final class RowEvents extends SparkListener {
    private final List<SweepRow> rows;
    private final RowSink sink;
    private final String stepsName;
    private final Map<Long, TaskInfo> running = new ConcurrentHashMap<>();
    private final Map<Integer, long[]> timings = new ConcurrentHashMap<>();
    private volatile int stageId = -1;

    RowEvents(List<SweepRow> rows, RowSink sink, String stepsName) {
        this.rows = rows;
        this.sink = sink;
        this.stepsName = stepsName;
    }

    /** The sweep's job runs as this stage (events of other stages are not ours). */
    void watchStage(int stage) {
        stageId = stage;
    }

    private boolean ours(int stage) {
        return stageId < 0 || stage == stageId;
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart e) {
        if (!ours(e.stageId())) {
            return;
        }
        TaskInfo t = e.taskInfo();
        running.put(t.taskId(), t);
        sink.started(rows.get(t.index()), "spark executor " + t.executorId() + " on " + t.host()
                + (t.attemptNumber() > 0 ? ", attempt " + (t.attemptNumber() + 1) : ""));
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate e) {
        scala.collection.Iterator<Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>>> it =
                e.accumUpdates().iterator();
        while (it.hasNext()) {
            Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> u = it.next();
            TaskInfo t = running.get((Long) u._1());
            if (t == null) {
                continue;
            }
            scala.collection.Iterator<AccumulableInfo> infos = u._4().iterator();
            while (infos.hasNext()) {
                AccumulableInfo a = infos.next();
                if (a.name().isDefined() && a.name().get().equals(stepsName) && a.update().isDefined()) {
                    SweepRow row = rows.get(t.index());
                    int step = (int) Long.parseLong(String.valueOf(a.update().get()));
                    int total = Integer.parseInt(row.options().get("steps"));
                    long elapsed = System.currentTimeMillis() - t.launchTime();
                    sink.progress(row, step, total, step > 0 ? (double) elapsed / step : 0);
                }
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        if (!ours(e.stageId())) {
            return;
        }
        TaskInfo t = e.taskInfo();
        running.remove(t.taskId());
        if (!t.successful()) {
            sink.retried(rows.get(t.index()), e.reason().toString());
            return;
        }
        TaskMetrics m = e.taskMetrics();
        if (m != null) {
            long total = t.finishTime() - t.launchTime();
            timings.put(t.index(), new long[] {total, m.executorDeserializeTime(), m.resultSerializationTime(), m.resultSize(),
                    t.gettingResultTime() > 0 ? t.finishTime() - t.gettingResultTime() : 0});
        }
    }

    /**
     * Medians over the rows that landed: the driver's time from a task's launch to its result,
     * less the row's own run on the executor (training and evaluation, runMillis by row index):
     * what running a row on Spark costs beyond the row itself; and its parts that Spark measures.
     */
    String overhead(Map<Integer, Long> runMillis) {
        List<long[]> all = new ArrayList<>();
        timings.forEach((index, t) -> {
            Long run = runMillis.get(index);
            if (run != null) {
                all.add(new long[] {t[0] - run, t[1], t[2], t[3], t[4], t[0]});
            }
        });
        if (all.isEmpty()) {
            return "spark: no row landed";
        }
        return String.format("spark, per row (medians of %d rows): %d ms beyond the row's own run (of %d ms from launch to"
                        + " result on the driver): deserialize %d ms, result serialize %d ms, result fetch %d ms;"
                        + " result %d KiB", all.size(), median(all, r -> r[0]), median(all, r -> r[5]),
                median(all, r -> r[1]), median(all, r -> r[2]), median(all, r -> r[4]), median(all, r -> r[3]) / 1024);
    }

    private static long median(List<long[]> rows, java.util.function.ToLongFunction<long[]> f) {
        long[] v = rows.stream().mapToLong(f).sorted().toArray();
        return v[v.length / 2];
    }
}

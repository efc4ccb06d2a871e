package ftx.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * The checks before any training on a cluster, each within seconds, because Spark's own client
 * retries an unreachable or foreign master for about a minute: the master's port answers, and it
 * registers our application (a master of another Spark version never does).
 */
final class MasterCheck {
    static final int CONNECT_MS = 5_000;
    static final int REGISTER_SECONDS = 15;

    private MasterCheck() {
    }

    /** For spark://HOST:PORT[,HOST:PORT...]: one of the masters accepts a connection, else IllegalStateException. */
    static void reachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        String problem = null;
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            URI u = URI.create("spark://" + hostPort.trim());
            if (u.getHost() == null || u.getPort() < 0) {
                throw new IllegalArgumentException("--master " + master + ": give spark://HOST:PORT");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(u.getHost(), u.getPort()), CONNECT_MS);
                return;
            } catch (IOException e) {
                problem = hostPort + ": " + e.getMessage();
            }
        }
        throw new IllegalStateException("cannot reach the Spark master " + master + " (" + problem + "); is it running,"
                + " and is its port open from here?");
    }

    /** Starts the driver's context, or says within {@link #REGISTER_SECONDS} s why the master did not take it. */
    static SparkContext startContext(String master, SparkConf conf) throws InterruptedException {
        FutureTask<SparkContext> start = new FutureTask<>(() -> new SparkContext(conf));
        Thread t = new Thread(start, "ftx-spark-start");
        t.setDaemon(true);
        t.start();
        try {
            return start.get(master.startsWith("local") ? 120 : REGISTER_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the Spark master " + master + " did not register this application within "
                    + REGISTER_SECONDS + " s: it is not a Spark standalone master, or it runs another Spark version than"
                    + " this program's " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ", or it has no free workers");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw new IllegalStateException("Spark could not start on " + master + ": " + c.getMessage(), c);
        }
    }
}

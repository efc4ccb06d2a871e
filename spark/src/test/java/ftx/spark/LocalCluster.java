package ftx.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A real Spark standalone cluster on 127.0.0.1 for tests: a Master and Workers, each its own JVM
 * started from this test's Maven classpath (nothing downloaded). Spark's Worker launches
 * executors through its launcher, which wants a SPARK_HOME with a jars/ folder and a Scala
 * version: an empty one here, the executors' classes coming from {@code spark.executor.extraClassPath}.
 */
final class LocalCluster implements AutoCloseable {
    private final Path dir;
    private final Path sparkHome;
    private final int port;
    private final int webPort;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();

    private LocalCluster(Path dir, int workerCount, int coresPerWorker) throws Exception {
        this.dir = dir;
        sparkHome = Files.createDirectories(dir.resolve("spark-home/jars")).getParent();
        port = freePort();
        webPort = freePort();
        master = start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--webui-port", String.valueOf(webPort));
        awaitPort(port, master);
        for (int i = 0; i < workerCount; i++) {
            workers.add(start("worker-" + i, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores",
                    String.valueOf(coresPerWorker), "--memory", "2g", "--webui-port", String.valueOf(freePort()),
                    "--work-dir", Files.createDirectories(dir.resolve("work-" + i)).toString(), masterUrl()));
        }
        awaitAliveWorkers(workerCount);
    }

    static LocalCluster start(Path dir, int workers, int coresPerWorker) throws Exception {
        return new LocalCluster(dir, workers, coresPerWorker);
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    private Process start(String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        cmd.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private void awaitPort(int p, Process owner) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            if (!owner.isAlive()) {
                throw new IllegalStateException("the master ended: " + log("master"));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", p), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the master did not open its port within 60 s: " + log("master"));
    }

    /** Waits until the master's JSON page counts n alive workers. */
    void awaitAliveWorkers(int n) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/json/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (last.replace(" ", "").contains("\"aliveworkers\":" + n + ",")) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("the cluster did not reach " + n + " alive workers within 60 s: " + last);
    }

    /** The worker whose process tree runs executor id, or empty. */
    Optional<Process> workerOf(String executorId) {
        for (Process w : workers) {
            if (executorOf(w, executorId).isPresent()) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    /** The executor process with this id under worker, if any (read from /proc: ProcessHandle cuts long command lines). */
    static Optional<ProcessHandle> executorOf(Process worker, String executorId) {
        return worker.descendants().filter(p -> {
            List<String> a = commandLine(p.pid());
            int i = a.indexOf("--executor-id");
            return i >= 0 && i + 1 < a.size() && a.get(i + 1).equals(executorId);
        }).findFirst();
    }

    private static List<String> commandLine(long pid) {
        try {
            return Arrays.asList(new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).split("\u0000"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Kills a worker with SIGKILL, then reaps what it had started (its executors); returns the pids it killed. */
    List<Long> kill(Process worker) throws InterruptedException {
        List<ProcessHandle> children = worker.descendants().toList();
        List<Long> pids = new ArrayList<>(List.of(worker.pid()));
        worker.destroyForcibly();
        worker.waitFor();
        for (ProcessHandle c : children) {
            pids.add(c.pid());
            c.destroyForcibly();
            c.onExit().join();
        }
        return pids;
    }

    String log(String name) {
        try {
            String s = Files.readString(dir.resolve(name + ".log"));
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        List<Process> all = new ArrayList<>(workers);
        all.add(master);
        for (Process p : all) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : all) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package ftx.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ftx sweep --master spark://...} on a master it cannot use ends with exit 1 within 30 s,
 * naming the master, before any training: a closed port, and a port that accepts but never
 * speaks Spark (as a master of another Spark version never registers us). Each runs as its own
 * process, as a user runs it.
 */
class MasterCheckTest {
    @TempDir
    Path tmp;

    @Test
    void aClosedPortIsRefusedAtOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Result r = sweep("spark://127.0.0.1:" + port);
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("cannot reach the Spark master spark://127.0.0.1:" + port), r.err());
        assertTrue(r.seconds() < 30, r.seconds() + " s");
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }

    @Test
    void aPortThatNeverSpeaksSparkIsRefusedWithin30Seconds() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> held = new ArrayList<>();
            Thread accept = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accepts and says nothing
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            accept.setDaemon(true);
            accept.start();
            Result r = sweep("spark://127.0.0.1:" + silent.getLocalPort());
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains("did not register this application within"), r.err());
            assertTrue(r.seconds() < 30, r.seconds() + " s");
            assertFalse(Files.exists(tmp.resolve("out").resolve("results.json")), "nothing trained");
        }
    }

    private record Result(int code, String err, double seconds) {
    }

    private Result sweep(String master) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "ftx.engine.cli.Main", "sweep", "--master", master,
                "--out", tmp.resolve("out").toString(), "--kappa-bits", "1", "--steps", "2", "--d-model", "16", "--layers",
                "2", "--heads", "2", "--ffn", "32", "--batch", "2", "--groups", "2", "--samples", "2", "--fresh-data", "4",
                "--conf", "spark.driver.host=127.0.0.1,spark.driver.bindAddress=127.0.0.1"));
        Path err = tmp.resolve("err.txt");
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(err.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1"); // the driver stays on the loopback interface
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        return new Result(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8), s);
    }
}

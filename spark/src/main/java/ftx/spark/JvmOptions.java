package ftx.spark;

import org.apache.spark.launcher.JavaModuleOptions;

/**
 * Prints the Java options a Spark driver, Master or Worker JVM needs on Java 17 (Spark adds them
 * to executors only): {@code ./ftx} passes them to the JVM of {@code ftx sweep --master ...}.
 */
public final class JvmOptions {
    private JvmOptions() {
    }

    public static void main(String[] args) {
        System.out.println(JavaModuleOptions.defaultModuleOptions());
    }
}

package ftx.engine.task;

import java.util.List;

/** Looks up the built-in tasks by name (currently the synthetic task of Fleuret 2025, section 4.1). */
public final class Tasks {
    private static final List<String> NAMES = List.of(SyntheticTask.NAME);

    private Tasks() {
    }

    /** Names accepted by {@link #byName(String)}. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * The built-in task with this name.
     *
     * @throws IllegalArgumentException listing the known names if there is none
     */
    public static Task byName(String name) {
        if (SyntheticTask.NAME.equals(name)) {
            return new SyntheticTask();
        }
        throw new IllegalArgumentException("unknown task " + (name == null ? "null" : "\"" + name + "\"")
                + "; known tasks: " + String.join(", ", NAMES));
    }
}

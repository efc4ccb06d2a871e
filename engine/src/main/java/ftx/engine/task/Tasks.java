package ftx.engine.task;

import java.util.List;

/** Looks up the built-in tasks by name (the synthetic task of Fleuret 2025, section 4.1, and the reviews task). */
public final class Tasks {
    private static final List<String> NAMES = List.of(SyntheticTask.NAME, ReviewsTask.NAME);

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
        if (ReviewsTask.NAME.equals(name)) {
            return new ReviewsTask();
        }
        throw new IllegalArgumentException("unknown task " + (name == null ? "null" : "\"" + name + "\"")
                + "; known tasks: " + String.join(", ", NAMES));
    }

    /**
     * Rebuilds the task a checkpoint was trained on from its {@link Task#describe()} map: the
     * synthetic task by name, a character-level text task from its source file.
     *
     * @throws IllegalArgumentException naming what is missing (e.g. the text file moved)
     */
    public static Task fromDescription(java.util.Map<String, Object> d) {
        if (d == null || d.isEmpty()) {
            throw new IllegalArgumentException("the checkpoint does not say which task it was trained on");
        }
        if ("char-text".equals(d.get("type"))) {
            Object source = d.get("source");
            Object length = d.get("sequenceLength");
            if (source == null || !(length instanceof Number n)) {
                throw new IllegalArgumentException("the checkpoint's text task has no source file to resume from");
            }
            java.nio.file.Path file = java.nio.file.Path.of(source.toString());
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new IllegalArgumentException("the text task's file " + file + " is not there any more");
            }
            return CharTextTask.fromFile(file, n.intValue());
        }
        return byName(String.valueOf(d.get("name")));
    }
}

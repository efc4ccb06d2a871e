package ftx.app.generate;

import ftx.engine.ModelHandle;
import java.util.List;
import java.util.Optional;

/**
 * The tasks whose generated samples the Generate page can read back into factors, and how: each
 * reads one sample into a {@link SampleReading} and measures groups of readings into a
 * {@link GroupReading}. Other vocabularies (character text) have no factors to read.
 */
enum TaskReading {
    /** The synthetic task of section 4.1: the block's start is the decision. */
    SYNTHETIC("synthetic", "the block start moved") {
        @Override
        SampleReading read(int[] tokens, String text) {
            return SyntheticReading.of(tokens);
        }

        @Override
        GroupReading measure(List<List<SampleReading>> groups) {
            return SyntheticReading.measure(groups);
        }
    },
    /** The reviews task (the paper's motivating example): the sentiment is the decision. */
    REVIEWS("reviews", "the sentiment flipped") {
        @Override
        SampleReading read(int[] tokens, String text) {
            return ReviewReading.of(text);
        }

        @Override
        GroupReading measure(List<List<SampleReading>> groups) {
            return ReviewReading.measure(groups);
        }
    };

    private final String task;
    private final String decisionChanged;

    TaskReading(String task, String decisionChanged) {
        this.task = task;
        this.decisionChanged = decisionChanged;
    }

    /** The reading for a model's task, empty when its vocabulary is neither task's. */
    static Optional<TaskReading> of(ModelHandle m) {
        if (m.isSyntheticTask()) {
            return Optional.of(SYNTHETIC);
        }
        return m.isReviewsTask() ? Optional.of(REVIEWS) : Optional.empty();
    }

    /** Reads one generated sample: its tokens and their text, prompt included. */
    abstract SampleReading read(int[] tokens, String text);

    /** Measures groups of this task's readings (one list per group; a single group is a list of one). */
    abstract GroupReading measure(List<List<SampleReading>> groups);

    /** The task's name in the JSON export. */
    String task() {
        return task;
    }

    /** What the bit pair reports per sample whose decision differs ("the sentiment flipped"). */
    String decisionChanged() {
        return decisionChanged;
    }
}

package ftx.app.inside;

import ftx.app.common.TaskRunner;
import ftx.engine.ModelHandle;
import ftx.engine.inside.InsideJson;
import ftx.engine.inside.InsidePosition;
import ftx.engine.inside.InsideSequence;
import ftx.engine.inside.TraversalRow;
import ftx.engine.inside.ZChoice;
import ftx.engine.task.Task;
import ftx.engine.util.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State of the Inside page without a display: the sequence and how Z is chosen, the position t,
 * a code pinned at t, the traversal's mode; the engine's answers ({@link InsideSequence} once per
 * sequence, {@link InsidePosition} per position, both computed on the task runner, the latest
 * request winning); and the exports of the numbers shown.
 */
public final class InsideViewModel {
    private final StringProperty text = new SimpleStringProperty("");
    private final LongProperty seed = new SimpleLongProperty(1);
    private final BooleanProperty sampled = new SimpleBooleanProperty(false);
    private final BooleanProperty shared = new SimpleBooleanProperty(false);
    private final IntegerProperty position = new SimpleIntegerProperty(0);
    private final ObjectProperty<Integer> code = new SimpleObjectProperty<>();
    private final ObjectProperty<InsideSequence> sequence = new SimpleObjectProperty<>();
    private final ObjectProperty<InsidePosition> at = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final TaskRunner tasks;
    private ModelHandle model;
    private final AtomicLong sequenceRequest = new AtomicLong(); // the latest read; older answers are dropped
    private final AtomicLong positionRequest = new AtomicLong(); // the latest position; older ones are skipped
    private long lastMillis = -1;

    public InsideViewModel(TaskRunner tasks) {
        this.tasks = tasks;
    }

    /**
     * Reads the current text with m (its attention, parts and prior draws), then the current
     * position. A text the model cannot read (another task's symbols, too long) gives way to a
     * task sample drawn for it.
     */
    public void open(ModelHandle m) {
        if (m == null) {
            error.set("Load a model on the Models page first.");
            return;
        }
        boolean newModel = m != model;
        if (newModel) {
            reset();
            model = m;
        }
        if ((newModel || text.get().isBlank()) && !m.canRead(text.get())) {
            randomSample(1, m); // typed text keeps its own error message on the same model
        }
        error.set("");
        String t = text.get();
        ZChoice choice = sampled.get() ? ZChoice.SAMPLE : ZChoice.MOST_LIKELY;
        long s = seed.get();
        status.set("reading the sequence...");
        long mine = sequenceRequest.incrementAndGet();
        positionRequest.incrementAndGet(); // a position asked before this sequence no longer matters
        tasks.run(() -> new InsideSequence(m.model(), m.vocabulary().encode(t), choice, s,
                InsideSequence.DEFAULT_PRIOR_DRAWS), r -> {
                    if (mine != sequenceRequest.get()) {
                        return;
                    }
                    sequence.set(r);
                    code.set(null);
                    position.set(Math.max(0, Math.min(position.get(), r.tokens().length - 1)));
                    refresh();
                }, e -> fail(e, mine == sequenceRequest.get()));
    }

    /** Forgets the sequence, the position's numbers and the pinned code; answers still on their way are dropped. */
    public void reset() {
        sequenceRequest.incrementAndGet();
        positionRequest.incrementAndGet();
        sequence.set(null);
        at.set(null);
        code.set(null);
        status.set("");
    }

    /**
     * Computes the numbers at the current position (after a move, a pinned code or a mode change).
     * Only the latest request is computed: one superseded before the worker reaches it is skipped.
     */
    public void refresh() {
        InsideSequence s = sequence.get();
        if (s == null) {
            return; // a sequence being read refreshes when it arrives
        }
        int t = position.get();
        Integer c = code.get();
        boolean all = shared.get();
        long mine = positionRequest.incrementAndGet();
        long start = System.nanoTime();
        tasks.run(() -> mine == positionRequest.get() ? s.at(t, c, InsideSequence.DEFAULT_CONTINUATION, all) : null, r -> {
            if (r == null || mine != positionRequest.get()) {
                return;
            }
            lastMillis = Math.round((System.nanoTime() - start) / 1e6);
            at.set(r);
            error.set("");
            status.set(String.format(Locale.ROOT, "position %d: %d codes in %d ms", t, r.traversal().size(), lastMillis));
        }, e -> fail(e, mine == positionRequest.get()));
    }

    /** Moves t by delta within the sequence and refreshes. */
    public void move(int delta) {
        InsideSequence s = sequence.get();
        if (s == null) {
            return;
        }
        int t = Math.max(0, Math.min(s.tokens().length - 1, position.get() + delta));
        if (t != position.get()) {
            position.set(t);
            code.set(null);
            refresh();
        }
    }

    /** Pins a code at t (null: none) and refreshes. */
    public void pin(Integer c) {
        code.set(c);
        refresh();
    }

    private void fail(Throwable e, boolean current) {
        if (current) {
            error.set(e.getMessage() == null ? e.toString() : e.getMessage());
            status.set("");
        }
    }

    /** Draws a sequence from the model's task ({@link ModelHandle#sampleTask}). */
    public void randomSample(long sampleSeed, ModelHandle m) {
        Task task = m.sampleTask();
        text.set(task.vocabulary().decode(task.sample(new Rng(sampleSeed)).tokens()));
    }

    /**
     * Z at every position as chosen, with the pinned code at t (at 0..t when the traversal shares
     * codes): what the page showed, for Generate to pin.
     */
    public int[] zWithCode(int c) {
        int[] z = sequence.get().z();
        java.util.Arrays.fill(z, shared.get() ? 0 : position.get(), position.get() + 1, c);
        return z;
    }

    /**
     * The symbol whose next-symbol probability differs most across the traversed codes (what the
     * traversal's bar column follows; among spreads within 0.05 of the widest, the most probable
     * with Z as chosen), or the most probable one when the codes agree.
     */
    public int watchedSymbol() {
        InsidePosition p = at.get();
        if (p == null || p.traversal().isEmpty()) {
            return p == null ? 0 : argmax(p.encoderZ());
        }
        int v = p.encoderZ().length;
        double[] spread = new double[v];
        double widest = 0;
        for (int s = 0; s < v; s++) {
            double lo = 1;
            double hi = 0;
            for (TraversalRow r : p.traversal()) {
                lo = Math.min(lo, r.probs()[s]);
                hi = Math.max(hi, r.probs()[s]);
            }
            spread[s] = hi - lo;
            widest = Math.max(widest, spread[s]);
        }
        if (widest < 1e-3) {
            return argmax(p.encoderZ());
        }
        int best = -1;
        for (int s = 0; s < v; s++) {
            if (spread[s] >= widest - 0.05 && (best < 0 || p.encoderZ()[s] > p.encoderZ()[best])) {
                best = s;
            }
        }
        return best;
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            best = p[i] > p[best] ? i : best;
        }
        return best;
    }

    /** The numbers shown, in ftx inside's JSON. */
    public void exportJson(Path file) throws IOException {
        InsidePosition p = requireAt();
        Files.writeString(file, InsideJson.of(sequence.get(), p, model.vocabulary()).toPrettyString());
    }

    /** The traversal as CSV: code, posterior, the probability of every symbol next, the continuation. */
    public void exportCsv(Path file) throws IOException {
        InsidePosition p = requireAt();
        var v = model.vocabulary();
        StringBuilder sb = new StringBuilder("position,code,posterior");
        for (int s = 0; s < v.size(); s++) {
            sb.append(",p_next_").append(csvName(v.symbol(s)));
        }
        sb.append(",continuation\n");
        for (TraversalRow r : p.traversal()) {
            sb.append(p.position()).append(',').append(r.code()).append(',').append(r.posterior());
            for (double x : r.probs()) {
                sb.append(',').append(x);
            }
            sb.append(",\"").append(v.decode(r.continuation()).replace("\"", "\"\"")).append("\"\n");
        }
        Files.writeString(file, sb.toString());
    }

    private static String csvName(char c) {
        return Character.isLetterOrDigit(c) ? String.valueOf(c) : "u" + Integer.toHexString(c);
    }

    private InsidePosition requireAt() {
        InsidePosition p = at.get();
        if (p == null || model == null) {
            throw new IllegalStateException("look inside a sequence first");
        }
        return p;
    }

    public ModelHandle model() {
        return model;
    }

    public StringProperty textProperty() {
        return text;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    /** Z drawn from the encoder at the seed instead of the posterior's mode. */
    public BooleanProperty sampledProperty() {
        return sampled;
    }

    /** The traversal sets each code at every position 0..t, not only at t. */
    public BooleanProperty sharedProperty() {
        return shared;
    }

    public IntegerProperty positionProperty() {
        return position;
    }

    public ObjectProperty<Integer> codeProperty() {
        return code;
    }

    public ObjectProperty<InsideSequence> sequenceProperty() {
        return sequence;
    }

    public ObjectProperty<InsidePosition> atProperty() {
        return at;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** Milliseconds the last position took, from the request to its numbers (-1 before any). */
    public long lastMillis() {
        return lastMillis;
    }
}

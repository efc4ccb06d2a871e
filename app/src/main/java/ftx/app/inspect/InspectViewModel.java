package ftx.app.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.app.common.TaskRunner;
import ftx.engine.ModelHandle;
import ftx.engine.analysis.LatentAnalysis;
import ftx.engine.analysis.PositionCode;
import ftx.engine.task.Sample;
import ftx.engine.task.ReviewsTask;
import ftx.engine.task.SyntheticFactors;
import ftx.engine.task.Task;
import ftx.engine.util.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * State of the Inspect view without a display: the sequence, the encoder's reading of it
 * (computed by {@link #compute}, which the view runs in the background), the sampled / most
 * likely switch, and the exports of exactly the numbers shown.
 */
public final class InspectViewModel {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty factors = new SimpleStringProperty("");
    private final LongProperty seed = new SimpleLongProperty(1);
    private final BooleanProperty mostLikely = new SimpleBooleanProperty(false);
    private final ObjectProperty<InspectResult> result = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");
    /** Codes the user edited by flipping bits: position -> Z shown instead of the encoder's. */
    private final ObservableMap<Integer, Integer> edits = FXCollections.observableHashMap();

    private final TaskRunner tasks;
    private long request;

    /** The encoder runs on tasks (the app context's; the calling thread in tests). */
    public InspectViewModel(TaskRunner tasks) {
        this.tasks = tasks;
        result.addListener(o -> edits.clear());
    }

    /** Encodes the current text with m on the task runner; the result or the error arrives in its property. */
    public void inspect(ModelHandle m) {
        if (m == null) {
            error.set("Load a model on the Models page first.");
            return;
        }
        error.set("");
        long mine = ++request; // a later request's answer wins, whichever arrives last
        tasks.run(() -> compute(m), r -> {
            if (mine == request) {
                result.set(r);
            }
        }, e -> {
            if (mine == request) {
                error.set(e.getMessage());
            }
        });
    }

    public ObservableMap<Integer, Integer> edits() {
        return edits;
    }

    /** The Z shown at a position: an edit if the user made one, else the sample or the mode. */
    public int zShownAt(int position) {
        InspectResult r = requireResult();
        Integer edited = edits.get(position);
        return edited != null ? edited : r.zAt(position, mostLikely.get());
    }

    /** Flips bit h of the code shown at a position (a steering edit handed to Generate by "pin"). */
    public void flipBit(int position, int bit) {
        InspectResult r = requireResult();
        if (position < 0 || position >= r.codes().size() || bit < 0 || bit >= r.latentBits()) {
            throw new IllegalArgumentException("no bit " + bit + " at position " + position);
        }
        int flipped = zShownAt(position) ^ (1 << bit);
        if (flipped == r.zAt(position, mostLikely.get())) {
            edits.remove(position);
        } else {
            edits.put(position, flipped);
        }
    }

    public StringProperty textProperty() {
        return text;
    }

    /** Known factors of a sequence drawn from the task (letter, start, noise), "" for typed text. */
    public StringProperty factorsProperty() {
        return factors;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    /** Show the most likely Z instead of the posterior sample. */
    public BooleanProperty mostLikelyProperty() {
        return mostLikely;
    }

    public ObjectProperty<InspectResult> resultProperty() {
        return result;
    }

    public StringProperty errorProperty() {
        return error;
    }

    /** Draws a sequence from the model's task (reviews for a reviews model, else synthetic) with its known factors. */
    public void randomSample(long sampleSeed, ModelHandle m) {
        Task task = m.sampleTask();
        Sample s = task.sample(new Rng(sampleSeed));
        text.set(task.vocabulary().decode(s.tokens()));
        if (task instanceof ReviewsTask) {
            factors.set(String.format(Locale.ROOT, "task sample: %s review (the sentiment shows at body character %s),"
                    + " opening %s", s.factors().get("sentiment"), s.factors().get("reveal"), s.factors().get("opening")));
            return;
        }
        SyntheticFactors f = SyntheticFactors.of(s);
        factors.set(String.format(Locale.ROOT, "task sample: letter %c, block start %d, noise at %s", f.letter(), f.start(),
                Arrays.toString(f.noise())));
    }

    /**
     * The encoder's reading of the current text (call off the FX thread). Throws
     * IllegalArgumentException with a message for unknown symbols or a baseline model.
     */
    public InspectResult compute(ModelHandle m) {
        if (m.latentBits() == 0) {
            throw new IllegalArgumentException("this is a baseline model (no Z): there is nothing to inspect; "
                    + "load a Free Transformer");
        }
        String t = text.get();
        int[] tokens = m.vocabulary().encode(t);
        List<PositionCode> codes = LatentAnalysis.encode(m.model(), tokens, new Rng(seed.get()));
        Object kappa = m.checkpoint().training().get("kappa");
        return new InspectResult(t, codes, m.latentBits(), kappa instanceof Number n ? n.doubleValue() : Double.NaN,
                factors.get());
    }

    /** The numbers shown, as JSON: per position symbol, Z shown, sampled and most likely Z, bits, KL. */
    public void exportJson(Path file) throws IOException {
        InspectResult r = requireResult();
        ObjectNode root = JSON.createObjectNode();
        root.put("text", r.text());
        root.put("latentBits", r.latentBits());
        root.put("kappaNats", r.kappaNats());
        root.put("klTotalNats", r.klTotal());
        root.put("bitsUsed", r.bitsUsed());
        root.put("zShown", mostLikely.get() ? "mostLikely" : "sampled");
        root.put("factors", r.factors());
        ArrayNode positions = root.putArray("positions");
        for (int t = 0; t < r.codes().size(); t++) {
            PositionCode c = r.codes().get(t);
            ObjectNode o = positions.addObject();
            o.put("position", t);
            o.put("symbol", String.valueOf(r.text().charAt(t)));
            o.put("z", zShownAt(t));
            o.put("edited", edits.containsKey(t));
            o.put("sampledZ", c.sampledZ());
            o.put("mostLikelyZ", c.mostLikelyZ());
            o.put("kl", c.kl());
            ArrayNode bits = o.putArray("bitProbabilities");
            for (float p : c.bitProbabilities()) {
                bits.add(p);
            }
        }
        JSON.writeValue(file.toFile(), root);
    }

    /** The same numbers as CSV, one row per position. */
    public void exportCsv(Path file) throws IOException {
        InspectResult r = requireResult();
        StringBuilder sb = new StringBuilder("position,symbol,z,sampled_z,most_likely_z,kl_nats");
        for (int h = 0; h < r.latentBits(); h++) {
            sb.append(",p_bit").append(h);
        }
        sb.append('\n');
        for (int t = 0; t < r.codes().size(); t++) {
            PositionCode c = r.codes().get(t);
            char sym = r.text().charAt(t);
            sb.append(t).append(',').append(sym == ',' || sym == '"' ? "\"" + (sym == '"' ? "\"\"" : ",") + "\"" : sym)
                    .append(',').append(zShownAt(t)).append(',').append(c.sampledZ()).append(',')
                    .append(c.mostLikelyZ()).append(',').append(c.kl());
            for (float p : c.bitProbabilities()) {
                sb.append(',').append(p);
            }
            sb.append('\n');
        }
        Files.writeString(file, sb.toString());
    }

    /** Z shown at every position, for pinning in the Generate view. */
    public int[] zShown() {
        InspectResult r = requireResult();
        int[] z = new int[r.codes().size()];
        for (int t = 0; t < z.length; t++) {
            z[t] = zShownAt(t);
        }
        return z;
    }

    private InspectResult requireResult() {
        InspectResult r = result.get();
        if (r == null) {
            throw new IllegalStateException("inspect a sequence first");
        }
        return r;
    }

    static String hex(int z, int bits) {
        int digits = Math.max(1, (bits + 3) / 4);
        return String.format("%0" + digits + "X", z);
    }

    /** Bits of z from h = H-1 down to 0. */
    static String binary(int z, int bits) {
        StringBuilder sb = new StringBuilder();
        for (int h = bits - 1; h >= 0; h--) {
            sb.append((z >> h) & 1);
        }
        return sb.toString();
    }
}

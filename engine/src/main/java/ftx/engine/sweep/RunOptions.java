package ftx.engine.sweep;

import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.KlBudget;
import ftx.engine.task.Task;
import ftx.engine.task.Tasks;
import ftx.engine.train.LatentRecipe;
import ftx.engine.train.TrainingConfig;
import ftx.engine.train.TrainingMemory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of one training run, by the names {@code ftx train} gives them ({@code d-model},
 * {@code kappa-bits}, ...), as strings: the unit a sweep varies and the key by which a finished
 * row is recognised. {@link #complete} fills every default and writes each value in one canonical
 * form, so that two maps that train the same model are equal; {@link #modelConfig} and
 * {@link #trainingConfig} build what the engine trains from them. Every problem is an
 * {@link IllegalArgumentException} that names the option.
 */
public final class RunOptions {
    /** Every option of a run, in the order rows are named and printed (as sweeps named them before specs). */
    public static final List<String> NAMES = List.of("task", "latent-bits", "kappa-bits", "kl-budget", "seed", "steps",
            "d-model", "layers", "heads", "ffn", "batch", "lr", "warmup", "min-lr-ratio", "weight-decay", "clip",
            "kappa-start-bits", "kappa-warmup", "latent-lr-scale", "freeze-encoder-at", "prior-z-share", "prior-z-from",
            "matching-lambda", "capacity-gamma", "kappa-cycle", "kappa-hold-bits", "kappa-hold-steps");

    private static final Map<String, String> DEFAULTS = defaults();

    private final Map<String, String> values;

    private RunOptions(Map<String, String> values) {
        this.values = values;
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("task", "synthetic");
        d.put("latent-bits", "8");
        d.put("kappa-bits", "1/8");
        d.put("d-model", "128");
        d.put("layers", "4");
        d.put("heads", "4");
        d.put("ffn", "384");
        d.put("steps", "2000");
        d.put("batch", "64");
        d.put("lr", "1e-3");
        d.put("warmup", null); // min(100, steps / 10)
        d.put("min-lr-ratio", "0.1");
        d.put("weight-decay", "0.1");
        d.put("clip", "1.0");
        d.put("seed", "1");
        d.put("kl-budget", KlBudget.PER_TOKEN.word());
        d.put("kappa-start-bits", "0");
        d.put("kappa-warmup", "0");
        d.put("latent-lr-scale", "1");
        d.put("freeze-encoder-at", "0");
        d.put("prior-z-share", "0");
        d.put("prior-z-from", "0");
        d.put("matching-lambda", "0");
        d.put("capacity-gamma", "0");
        d.put("kappa-cycle", "0");
        d.put("kappa-hold-bits", "0");
        d.put("kappa-hold-steps", "0");
        return d;
    }

    /**
     * The given options with every default filled in and every value in canonical form
     * ({@code 1e-3} and {@code 0.001} both become {@code 0.001}; kappa {@code 0.125} becomes
     * {@code 1/8}), checked: an unknown name or a value the engine would refuse throws.
     */
    public static RunOptions complete(Map<String, String> given) {
        for (String name : given.keySet()) {
            if (!DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; a run's options are " + String.join(", ", NAMES));
            }
        }
        Map<String, String> v = new LinkedHashMap<>();
        for (String name : NAMES) {
            String raw = given.get(name);
            if (raw == null && name.equals("warmup")) {
                raw = String.valueOf(Math.min(100, Math.max(0, integer(v, "steps")) / 10));
            }
            v.put(name, canonical(name, raw == null ? DEFAULTS.get(name) : raw.trim()));
        }
        RunOptions o = new RunOptions(v);
        Task task = o.task();
        FreeTransformerConfig model = o.modelConfig(task); // the engine's own checks, with their messages
        TrainingConfig training = o.trainingConfig();
        TrainingMemory.require(model, training.batchSize(), task.sequenceLength());
        return o;
    }

    /**
     * Full options read back from an older results file, with the options added since (off by
     * default) filled in canonical form, so that a resumed sweep still recognises its rows.
     */
    public static Map<String, String> withLaterDefaults(Map<String, String> stored) {
        Map<String, String> m = new java.util.TreeMap<>(stored);
        for (String name : NAMES) {
            if (!m.containsKey(name) && DEFAULTS.get(name) != null) {
                m.put(name, canonical(name, DEFAULTS.get(name)));
            }
        }
        return m;
    }

    /** The options, every name present, canonical values, in {@link #NAMES} order. */
    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }

    public String get(String name) {
        return values.get(name);
    }

    /** H; 0 is the baseline (no Z). */
    public int latentBits() {
        return integer(values, "latent-bits");
    }

    public double kappaBits() {
        return fraction("kappa-bits", values.get("kappa-bits"));
    }

    public Task task() {
        String name = values.get("task");
        return Tasks.byName(name);
    }

    public FreeTransformerConfig modelConfig(Task task) {
        return new FreeTransformerConfig(task.vocabulary().size(), integer(values, "d-model"), integer(values, "layers"),
                integer(values, "heads"), integer(values, "ffn"), latentBits(), 10000.0, 1e-5);
    }

    /** The optimiser and recipe; a run of a sweep saves only at its end. */
    public TrainingConfig trainingConfig() {
        KlBudget budget = KlBudget.fromWord(values.get("kl-budget"));
        LatentRecipe recipe = new LatentRecipe(budget, number("kappa-start-bits") * TrainingConfig.LOG2,
                integer(values, "kappa-warmup"), number("latent-lr-scale"), integer(values, "freeze-encoder-at"),
                number("prior-z-share"), integer(values, "prior-z-from"), number("matching-lambda"),
                number("capacity-gamma"), integer(values, "kappa-cycle"),
                fraction("kappa-hold-bits", values.get("kappa-hold-bits")) * TrainingConfig.LOG2,
                integer(values, "kappa-hold-steps"));
        double kappa = latentBits() == 0 ? 0 : kappaBits() * TrainingConfig.LOG2;
        return new TrainingConfig(integer(values, "steps"), integer(values, "batch"), number("lr"),
                integer(values, "warmup"), number("min-lr-ratio"), number("weight-decay"), 0.9, 0.95, 1e-8,
                number("clip"), kappa, longValue(values, "seed"), 0, recipe);
    }

    private double number(String name) {
        return number(name, values.get(name));
    }

    private static String canonical(String name, String raw) {
        return switch (name) {
            case "task", "kl-budget" -> raw;
            case "kappa-bits", "kappa-start-bits", "kappa-hold-bits" -> fractionText(fraction(name, raw));
            case "lr", "min-lr-ratio", "weight-decay", "clip", "latent-lr-scale", "prior-z-share", "matching-lambda",
                 "capacity-gamma" ->
                    String.valueOf(number(name, raw));
            case "seed" -> String.valueOf(longValue(Map.of(name, raw), name));
            default -> String.valueOf(integer(Map.of(name, raw), name));
        };
    }

    private static int integer(Map<String, String> v, String name) {
        long x = longValue(v, name);
        if (x != (int) x) {
            throw new IllegalArgumentException("--" + name + " is too large: " + x);
        }
        return (int) x;
    }

    private static long longValue(Map<String, String> v, String name) {
        String s = v.get(name);
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got \"" + s + "\"");
        }
    }

    private static double number(String name, String s) {
        try {
            double d = Double.parseDouble(s.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // the message below
        }
        throw new IllegalArgumentException("--" + name + " must be a number, got \"" + s + "\"");
    }

    /** "1/8", "0.125" or "2" as a number >= 0. */
    static double fraction(String name, String s) {
        try {
            String p = s.trim();
            int slash = p.indexOf('/');
            double v = slash < 0 ? Double.parseDouble(p)
                    : Double.parseDouble(p.substring(0, slash)) / Double.parseDouble(p.substring(slash + 1));
            if (v >= 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // the message below
        }
        throw new IllegalArgumentException("--" + name + " must be a number of bits >= 0 (fractions like 1/8 allowed),"
                + " got \"" + s + "\"");
    }

    /** 0.125 -> "1/8", 2 -> "2", 0.3 -> "0.3". */
    public static String fractionText(double bits) {
        if (bits == 0 || bits >= 1 && bits == Math.rint(bits)) {
            return String.valueOf((long) bits);
        }
        double inverse = 1 / bits;
        return inverse == Math.rint(inverse) ? "1/" + (long) inverse : String.valueOf(bits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunOptions r && r.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}

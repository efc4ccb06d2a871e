package ftx.engine.analysis;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one probe of a model measured ({@link ZProbe}): how much samples that share Z agree on the
 * task's decision against samples with fresh Z and chance, the paper's +-1 measure, the noise
 * overlap, how many generations are well formed, the CE with Z from the prior, and the bit
 * dictionary. Numbers a task does not define are NaN ("decided" is empty for a text file).
 *
 * @param step              the training step of the weights measured
 * @param decided           what agreement is measured on ("block start within +-1", "sentiment", or "")
 * @param shared            agreement of pairs within shared-Z groups
 * @param fresh             agreement of pairs within fresh-Z groups
 * @param chance            agreement of pairs from different fresh-Z groups
 * @param sharedNearMode    shared-Z samples within +-1 of their group's most common start
 * @param freshNearMode     the same for fresh Z
 * @param nearModeChance    the same for starts dealt into random groups
 * @param sharedNoiseOverlap Jaccard index of noise positions within shared-Z groups
 * @param freshNoiseOverlap the same within fresh-Z groups
 * @param wellFormed        fraction of fresh-Z generations that are well formed
 * @param ce                CE per position with the encoder's Z, on fresh task samples
 * @param cePrior           CE per position with Z drawn from the prior
 * @param klPerToken        mean KL per position
 * @param bits              the bit dictionary (empty factors for a task without known factors)
 * @param sharedGroup       the first shared-Z group's texts (not kept in the run's history)
 * @param freshGroup        the first fresh-Z group's texts (not kept in the run's history)
 * @param millis            how long the probe took
 */
public record ProbeReading(int step, String decided, double shared, double fresh, double chance, double sharedNearMode,
                           double freshNearMode, double nearModeChance, double sharedNoiseOverlap,
                           double freshNoiseOverlap, double wellFormed, double ce, double cePrior, double klPerToken,
                           BitDictionary.Report bits, List<String> sharedGroup, List<String> freshGroup,
                           double millis) {
    public ProbeReading {
        sharedGroup = List.copyOf(sharedGroup);
        freshGroup = List.copyOf(freshGroup);
    }

    /** shared / chance: how many times as often shared-Z pairs agree as chance (NaN when undefined). */
    public double sharedOverChance() {
        return chance > 0 ? shared / chance : Double.NaN;
    }

    /** The numbers as a JSON-able map (NaN as null), without the texts: a row of the run's history. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step);
        m.put("decided", decided);
        put(m, "shared", shared);
        put(m, "fresh", fresh);
        put(m, "chance", chance);
        put(m, "sharedNearMode", sharedNearMode);
        put(m, "freshNearMode", freshNearMode);
        put(m, "nearModeChance", nearModeChance);
        put(m, "sharedNoiseOverlap", sharedNoiseOverlap);
        put(m, "freshNoiseOverlap", freshNoiseOverlap);
        put(m, "wellFormed", wellFormed);
        put(m, "ce", ce);
        put(m, "cePrior", cePrior);
        put(m, "klPerToken", klPerToken);
        m.put("bitFactors", bits.factors());
        m.put("bitInformation", Arrays.stream(bits.information()).map(ProbeReading::list).toList());
        m.put("bitBounds", list(bits.bounds()));
        m.put("bitSamples", bits.samples());
        put(m, "millis", millis);
        return m;
    }

    /** Reads {@link #toMap()}'s row back (texts empty). */
    public static ProbeReading fromMap(Map<?, ?> m) {
        List<String> factors = strings(m.get("bitFactors"));
        double[][] info = new double[factors.size()][];
        List<?> rows = list(m.get("bitInformation"), "bitInformation");
        if (rows.size() != factors.size()) {
            throw new IllegalArgumentException("bitInformation has " + rows.size() + " rows for " + factors.size() + " factors");
        }
        for (int f = 0; f < info.length; f++) {
            info[f] = numbers(rows.get(f), "bitInformation");
        }
        double[] bounds = numbers(m.get("bitBounds"), "bitBounds");
        if (bounds.length != factors.size()) {
            throw new IllegalArgumentException("bitBounds has " + bounds.length + " values for " + factors.size() + " factors");
        }
        BitDictionary.Report bits = new BitDictionary.Report(factors, info, bounds, (int) number(m, "bitSamples"), 0);
        Object decided = m.get("decided");
        return new ProbeReading((int) number(m, "step"), decided == null ? "" : decided.toString(), number(m, "shared"),
                number(m, "fresh"), number(m, "chance"), number(m, "sharedNearMode"), number(m, "freshNearMode"),
                number(m, "nearModeChance"), number(m, "sharedNoiseOverlap"), number(m, "freshNoiseOverlap"),
                number(m, "wellFormed"), number(m, "ce"), number(m, "cePrior"), number(m, "klPerToken"), bits, List.of(),
                List.of(), number(m, "millis"));
    }

    private static List<Double> list(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    private static void put(Map<String, Object> m, String key, double v) {
        m.put(key, Double.isFinite(v) ? v : null);
    }

    private static double number(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return Double.NaN;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("\"" + key + "\" must be a number, got " + v);
        }
        return n.doubleValue();
    }

    private static List<?> list(Object v, String key) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("\"" + key + "\" must be a list, got " + v);
        }
        return l;
    }

    private static List<String> strings(Object v) {
        return list(v, "bitFactors").stream().map(String::valueOf).toList();
    }

    private static double[] numbers(Object v, String key) {
        List<?> l = list(v, key);
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Number n)) {
                throw new IllegalArgumentException("\"" + key + "\" must hold numbers, got " + l.get(i));
            }
            out[i] = n.doubleValue();
        }
        return out;
    }
}

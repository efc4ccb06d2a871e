package ftx.engine.cli;

import ftx.engine.analysis.BitDictionary;
import ftx.engine.analysis.ProbeReading;
import java.util.Locale;

/** One line of text for a probe reading, as {@code ftx train} prints it. */
final class ProbeText {
    private ProbeText() {
    }

    static String line(ProbeReading r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "probe at step %d (%.1f s): ", r.step(),
                r.millis() / 1000));
        if (r.decided().isEmpty()) {
            b.append("no known decision to measure in this task; ");
        } else if (r.bits().factors().isEmpty() && !Double.isNaN(r.fresh())) {
            b.append(String.format(Locale.ROOT, "no Z (baseline); %s agreement %s, chance %s; ", r.decided(),
                    pct(r.fresh()), pct(r.chance())));
        } else if (Double.isNaN(r.shared())) {
            b.append("too few well-formed generations to measure agreement yet; ");
        } else {
            b.append(String.format(Locale.ROOT, "shared-Z pairs agree on the %s in %s (fresh %s, chance %s: %.1fx chance); ",
                    r.decided(), pct(r.shared()), pct(r.fresh()), pct(r.chance()), r.sharedOverChance()));
        }
        if (!Double.isNaN(r.sharedNearMode())) {
            b.append(String.format(Locale.ROOT, "within +-1 of the group's mode %s (fresh %s, chance %s); ",
                    pct(r.sharedNearMode()), pct(r.freshNearMode()), pct(r.nearModeChance())));
        }
        if (!Double.isNaN(r.wellFormed())) {
            b.append("well formed ").append(pct(r.wellFormed())).append("; ");
        }
        b.append(String.format(Locale.ROOT, "CE %.3f with the encoder's Z, %.3f with Z from the prior", r.ce(), r.cePrior()));
        BitDictionary.Report bits = r.bits();
        int bestFactor = -1;
        for (int f = 0; f < bits.factors().size(); f++) {
            if (bestFactor < 0 || bits.information()[f][bits.bestBit(f)] > bits.information()[bestFactor][bits.bestBit(bestFactor)]) {
                bestFactor = f;
            }
        }
        if (bestFactor >= 0) {
            int bit = bits.bestBit(bestFactor);
            b.append(String.format(Locale.ROOT, "; the most telling bit: bit %d about \"%s\", %.3f of at most %.3f nats",
                    bit, bits.factors().get(bestFactor), bits.information()[bestFactor][bit], bits.bounds()[bestFactor]));
        }
        return b.toString();
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f%%", 100 * v) : "-";
    }
}

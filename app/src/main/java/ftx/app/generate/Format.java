package ftx.app.generate;

import java.util.Locale;

/** Numbers as the Generate page shows them (NaN, from too few well-formed samples, as "n/a"). */
final class Format {
    private Format() {
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
    }

    static String fraction(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }

    static String millis(double ms) {
        return String.format(Locale.ROOT, "%.0f ms", ms);
    }
}

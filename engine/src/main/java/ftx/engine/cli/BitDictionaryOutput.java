package ftx.engine.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.engine.analysis.BitDictionary;
import java.io.PrintStream;
import java.util.Locale;

/** The bit dictionary in {@code ftx evaluate}'s JSON and text. */
final class BitDictionaryOutput {
    private BitDictionaryOutput() {
    }

    static void toJson(ObjectNode root, BitDictionary.Report r) {
        ObjectNode o = root.putObject("bitDictionary");
        o.put("samples", r.samples());
        o.put("positionsPerSample", r.positions());
        o.put("unit", "nats");
        ArrayNode factors = o.putArray("factors");
        for (int f = 0; f < r.factors().size(); f++) {
            ObjectNode row = factors.addObject();
            row.put("factor", r.factors().get(f));
            row.put("bound", r.bounds()[f]);
            row.put("bestBit", r.bestBit(f));
            ArrayNode info = row.putArray("information");
            for (double v : r.information()[f]) {
                info.add(v);
            }
        }
    }

    static void print(PrintStream out, BitDictionary.Report r) {
        if (r.factors().isEmpty()) {
            return;
        }
        out.printf("bit dictionary (%d fresh samples, %d positions each): information between each bit of Z_t and a "
                + "factor at t, nats%n", r.samples(), r.positions());
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-18s %6s", "factor", "bound"));
        int bits = r.information()[0].length;
        for (int b = 0; b < bits; b++) {
            head.append(String.format(Locale.ROOT, " %6s", "bit " + b));
        }
        out.println(head);
        for (int f = 0; f < r.factors().size(); f++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-18s %6.3f", r.factors().get(f),
                    r.bounds()[f]));
            for (double v : r.information()[f]) {
                row.append(String.format(Locale.ROOT, " %6.3f", v));
            }
            out.println(row);
        }
    }
}

package ftx.engine.sweep;

import java.util.Map;

/**
 * One planned row of a sweep.
 *
 * @param index   its place in the sweep's order
 * @param name    its folder name, from H, kappa and the options that vary ({@code h8-kappa-1-8-bits-seed-2})
 * @param options every option of the run, defaults included: how a finished row is recognised
 * @param varied  the values of the options that vary across the sweep besides H and kappa
 */
public record SweepRow(int index, String name, RunOptions options, Map<String, String> varied) {
    public SweepRow {
        varied = Map.copyOf(varied);
    }

    static String name(RunOptions full, Map<String, String> varied) {
        StringBuilder b = new StringBuilder(full.latentBits() == 0 ? "baseline"
                : "h" + full.latentBits() + "-kappa-" + folderText(full.get("kappa-bits")) + "-bits");
        for (String option : RunOptions.NAMES) {
            if (varied.containsKey(option)) {
                b.append('-').append(option).append('-').append(folderText(varied.get(option)));
            }
        }
        return b.toString();
    }

    /** An option's value as part of a folder name: 1/8 -> 1-8, 0.5 -> 0p5. */
    static String folderText(String value) {
        return value.replace('/', '-').replace('.', 'p');
    }
}

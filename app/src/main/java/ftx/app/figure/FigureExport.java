package ftx.app.figure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import ftx.engine.analysis.GroupMetrics;
import ftx.engine.analysis.SyntheticEvaluation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Figure 4 page's numbers as JSON or CSV: per panel and mode the group metrics, and the panel's reading. */
final class FigureExport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final List<String> COLUMNS = List.of("panel", "model", "mode", "groups", "samples", "wellFormed",
            "startAgreement", "nearMode", "nearModeChance", "noiseOverlap", "crossGroupStartAgreement", "reading");

    private FigureExport() {
    }

    static String json(List<FigurePanelData> panels, SyntheticEvaluation.Settings s) throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("settings", Map.of("groups", s.groups(), "samplesPerGroup", s.samplesPerGroup(), "seed", s.seed(),
                "temperature", s.temperature(), "letter", String.valueOf(s.letter())));
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<Object> row : rows(panels)) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < COLUMNS.size(); i++) {
                Object v = row.get(i);
                m.put(COLUMNS.get(i), v instanceof Double d && !Double.isFinite(d) ? null : v);
            }
            out.add(m);
        }
        root.put("rows", out);
        return JSON.writeValueAsString(root);
    }

    static String csv(List<FigurePanelData> panels) {
        StringBuilder b = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (List<Object> row : rows(panels)) {
            List<String> cells = new ArrayList<>();
            for (Object v : row) {
                cells.add(v instanceof Double d ? (Double.isFinite(d) ? String.format(Locale.ROOT, "%.6f", d) : "")
                        : v instanceof String s && (s.contains(",") || s.contains("\"")) ? "\"" + s.replace("\"", "\"\"") + "\""
                        : String.valueOf(v));
            }
            b.append(String.join(",", cells)).append('\n');
        }
        return b.toString();
    }

    private static List<List<Object>> rows(List<FigurePanelData> panels) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < panels.size(); i++) {
            FigurePanelData p = panels.get(i);
            if (p.report() == null) {
                continue;
            }
            add(rows, i + 1, p, "fresh", p.fresh());
            if (p.shared() != null) {
                add(rows, i + 1, p, "shared", p.shared());
            }
        }
        return rows;
    }

    private static void add(List<List<Object>> rows, int panel, FigurePanelData p, String mode, GroupMetrics g) {
        rows.add(List.of(panel, p.name(), mode, g.groups(), g.samples(), g.wellFormed(), g.startAgreement(), g.nearMode(),
                g.nearModeChance(), g.noiseOverlap(), g.crossGroupStartAgreement(), p.reading()));
    }
}

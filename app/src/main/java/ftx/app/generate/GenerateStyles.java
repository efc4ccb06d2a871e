package ftx.app.generate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The Generate page's style classes and its stylesheet (added to the view as a data URI, so the
 * feature package carries its own style; the shared classes view-title, help-text and error-text
 * come from app.css).
 */
final class GenerateStyles {
    /** One run of symbols of a sample (a Text in the sample's TextFlow). */
    static final String SYMBOLS = "sample-symbols";
    /** Added to the run holding the prompt. */
    static final String PROMPT = "prompt";
    /** Added to a symbol that differs from the reference (previous generation or other column). */
    static final String CHANGED = "changed";
    /** Added to a symbol that differs from the first sample of its group. */
    static final String DIFFERS = "differs";
    static final String SAMPLE = "sample";
    static final String GROUP = "sample-group";
    static final String GROUP_HEADER = "group-header";
    static final String FACTORS = "factors";
    static final String MALFORMED = "malformed";
    static final String COMPARISON = "comparison";
    static final String SECTION = "generate-section";

    private static final String CSS = """
            .sample-symbols { -fx-font-family: "monospace"; -fx-font-size: 13px; -fx-fill: #1d2330; }
            .sample-symbols.prompt { -fx-fill: #7a8090; }
            .sample-symbols.changed { -fx-fill: #c0262d; -fx-font-weight: bold; -fx-underline: true; }
            .sample-symbols.differs { -fx-fill: #b05a00; -fx-font-weight: bold; }
            .sample-group { -fx-padding: 6 0 6 0; -fx-border-color: transparent transparent #dde0e8 transparent; }
            .group-header { -fx-font-weight: bold; }
            .factors { -fx-font-family: "monospace"; -fx-font-size: 12px; -fx-text-fill: #2a3550; }
            .factors.malformed { -fx-text-fill: #c0262d; }
            .comparison { -fx-font-weight: bold; -fx-text-fill: #2a3550; }
            .generate-section { -fx-background-color: #ffffff; -fx-background-radius: 4; -fx-padding: 8; }
            """;

    private GenerateStyles() {
    }

    /** The stylesheet as a data URI for {@code getStylesheets().add(...)}. */
    static String stylesheet() {
        return "data:text/css;base64," + Base64.getEncoder().encodeToString(CSS.getBytes(StandardCharsets.UTF_8));
    }
}

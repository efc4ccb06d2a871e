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

    private GenerateStyles() {
    }

    /** The page's stylesheet (generate.css beside this class's package in the resources). */
    static String stylesheet() {
        return GenerateStyles.class.getResource("generate.css").toExternalForm();
    }
}

package ftx.engine.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tests of the validation in {@link FreeTransformerConfig}: every invalid field is refused with an
 * IllegalArgumentException naming the field (as in config.json) and the bad value.
 */
class FreeTransformerConfigTest {

    /** A valid small config with one field replaced; the fields in record order. */
    private static FreeTransformerConfig with(String field, double value) {
        int v = (int) value;
        return new FreeTransformerConfig(
                field.equals("vocab_size") ? v : 29,
                field.equals("d_model") ? v : 8,
                field.equals("n_layers") ? v : 2,
                field.equals("n_heads") ? v : 2,
                field.equals("ffn_hidden") ? v : 12,
                field.equals("latent_bits") ? v : 3,
                field.equals("rope_base") ? value : 10000.0,
                field.equals("norm_eps") ? value : 1e-5);
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of("vocab_size", 1, "1"),
                Arguments.of("vocab_size", 0, "0"),
                Arguments.of("d_model", 1, "1"),
                Arguments.of("d_model", -8, "-8"),
                Arguments.of("n_layers", 3, "3"),
                Arguments.of("n_layers", 0, "0"),
                Arguments.of("n_layers", -2, "-2"),
                Arguments.of("n_heads", 0, "0"),
                Arguments.of("n_heads", 3, "3"), // 8 is not divisible by 3
                Arguments.of("ffn_hidden", 0, "0"),
                Arguments.of("latent_bits", -1, "-1"),
                Arguments.of("latent_bits", 17, "17"),
                Arguments.of("rope_base", 1.0, "1.0"),
                Arguments.of("rope_base", Double.NaN, "NaN"),
                Arguments.of("rope_base", Double.POSITIVE_INFINITY, "Infinity"),
                Arguments.of("norm_eps", 0.0, "0.0"),
                Arguments.of("norm_eps", 1.0, "1.0"),
                Arguments.of("norm_eps", -1e-5, "-1.0E-5"),
                Arguments.of("norm_eps", Double.NaN, "NaN"));
    }

    @ParameterizedTest(name = "{0} = {2}")
    @MethodSource("invalidFields")
    void invalidFieldIsRefusedNamingFieldAndValue(String field, double value, String shown) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> with(field, value));
        String msg = e.getMessage();
        assertTrue(msg.contains(field), "message should name " + field + ": " + msg);
        assertTrue(msg.contains(shown), "message should show the bad value " + shown + ": " + msg);
    }

    @Test
    void dModelNotDivisibleByHeadsNamesBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FreeTransformerConfig(29, 10, 2, 4, 12, 3, 10000.0, 1e-5));
        assertTrue(e.getMessage().contains("d_model 10"), e.getMessage());
        assertTrue(e.getMessage().contains("n_heads 4"), e.getMessage());
    }

    @Test
    void oddHeadSizeIsRefusedForRope() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FreeTransformerConfig(29, 6, 2, 2, 12, 3, 10000.0, 1e-5));
        assertTrue(e.getMessage().contains("d_model/n_heads = 3"), e.getMessage());
        assertTrue(e.getMessage().contains("even"), e.getMessage());
    }

    @Test
    void toyConfigIsAccepted() {
        FreeTransformerConfig c = FreeTransformerConfig.toy(29, 8);
        assertEquals(128, c.dModel());
        assertEquals(4, c.nLayers());
        assertEquals(4, c.nHeads());
        assertEquals(384, c.ffnHidden());
        assertEquals(32, c.headDim());
        assertTrue(c.hasLatent());
        assertEquals(256, c.latentCodes());
    }

    @Test
    void baselineWithoutLatentIsAccepted() {
        FreeTransformerConfig c = FreeTransformerConfig.toy(29, 0);
        assertFalse(c.hasLatent());
        assertEquals(1, c.latentCodes());
        assertFalse(Parameters.expectedShapes(c).containsKey("zeta"));
    }

    @Test
    void boundaryValuesAreAccepted() {
        assertDoesNotThrow(() -> new FreeTransformerConfig(2, 2, 2, 1, 1, FreeTransformerConfig.MAX_LATENT_BITS,
                1.0001, 0.999));
        assertEquals(1 << 16, with("latent_bits", 16).latentCodes());
        assertEquals(1, with("latent_bits", 1).latentBits());
    }
}

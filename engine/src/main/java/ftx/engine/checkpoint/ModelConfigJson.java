package ftx.engine.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ftx.engine.model.FreeTransformerConfig;

/** The {@code config} object of config.json (SPEC section 5), in snake_case. */
final class ModelConfigJson {
    private static final String[] FIELDS = {"vocab_size", "d_model", "n_layers", "n_heads", "ffn_hidden", "latent_bits",
            "rope_base", "norm_eps"};

    private ModelConfigJson() {
    }

    static ObjectNode write(FreeTransformerConfig c, ObjectMapper m) {
        ObjectNode o = m.createObjectNode();
        o.put("vocab_size", c.vocabSize());
        o.put("d_model", c.dModel());
        o.put("n_layers", c.nLayers());
        o.put("n_heads", c.nHeads());
        o.put("ffn_hidden", c.ffnHidden());
        o.put("latent_bits", c.latentBits());
        o.put("rope_base", c.ropeBase());
        o.put("norm_eps", c.normEps());
        return o;
    }

    /** Throws IllegalArgumentException naming a missing, non-numeric or invalid field. */
    static FreeTransformerConfig read(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("no \"config\" object");
        }
        for (String f : FIELDS) {
            JsonNode v = o.get(f);
            if (v == null || !v.isNumber()) {
                throw new IllegalArgumentException("config field \"" + f + "\" is missing or not a number");
            }
        }
        return new FreeTransformerConfig(intField(o, "vocab_size"), intField(o, "d_model"), intField(o, "n_layers"),
                intField(o, "n_heads"), intField(o, "ffn_hidden"), intField(o, "latent_bits"),
                o.get("rope_base").asDouble(), o.get("norm_eps").asDouble());
    }

    private static int intField(JsonNode o, String f) {
        JsonNode v = o.get(f);
        if (!v.canConvertToInt() || v.asDouble() != v.asInt()) {
            throw new IllegalArgumentException("config field \"" + f + "\" must be an integer, got " + v);
        }
        return v.asInt();
    }
}

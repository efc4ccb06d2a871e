package ftx.engine.inside;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.engine.task.Vocabulary;

/**
 * The Inside view's numbers as JSON, one shape for {@code ftx inside --json} and the app's export:
 * {@code position, text, vocabulary, z, attention {decoder, encoder}, nextToken {encoderZ, priorZ
 * {mean, std, draws}, code {z, probs}}, traversal [{code, posterior, probs, continuation}], traversalMode}. What
 * a baseline lacks (Z, the encoder) is null, with a {@code "note"} saying why.
 */
public final class InsideJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InsideJson() {
    }

    public static ObjectNode of(InsideSequence s, InsidePosition p, Vocabulary vocabulary) {
        ObjectNode root = JSON.createObjectNode();
        root.put("position", p.position());
        root.put("text", vocabulary.decode(s.tokens()));
        ArrayNode v = root.putArray("vocabulary");
        for (int i = 0; i < vocabulary.size(); i++) {
            v.add(String.valueOf(vocabulary.symbol(i)));
        }
        if (s.hasLatent()) {
            ArrayNode z = root.putArray("z");
            for (int code : s.z()) {
                z.add(code);
            }
        } else {
            root.putNull("z");
            root.put("note", "a baseline model (latent_bits = 0) has no Z and no encoder");
        }
        ObjectNode attention = root.putObject("attention");
        ArrayNode decoder = attention.putArray("decoder");
        for (float[][][] layer : s.trace().decoderAttention()) {
            decoder.add(heads(layer));
        }
        if (s.trace().encoderAttention() != null) {
            attention.set("encoder", heads(s.trace().encoderAttention()));
        } else {
            attention.putNull("encoder");
        }
        ObjectNode next = root.putObject("nextToken");
        next.set("encoderZ", vector(p.encoderZ()));
        if (p.priorMean() != null) {
            ObjectNode prior = next.putObject("priorZ");
            prior.set("mean", vector(p.priorMean()));
            prior.set("std", vector(p.priorStd()));
            prior.put("draws", s.priorDraws());
        } else {
            next.putNull("priorZ");
        }
        if (p.code() != null) {
            ObjectNode code = next.putObject("code");
            code.put("z", p.code());
            code.set("probs", vector(p.codeProbs()));
        } else {
            next.putNull("code");
        }
        root.put("traversalMode", p.shared() ? "shared" : "at");
        ArrayNode traversal = root.putArray("traversal");
        for (TraversalRow r : p.traversal()) {
            ObjectNode o = traversal.addObject();
            o.put("code", r.code());
            o.put("posterior", r.posterior());
            o.set("probs", vector(r.probs()));
            o.put("continuation", vocabulary.decode(r.continuation()));
        }
        return root;
    }

    private static ArrayNode heads(float[][][] heads) {
        ArrayNode out = JSON.createArrayNode();
        for (float[][] head : heads) {
            ArrayNode rows = out.addArray();
            for (float[] row : head) {
                ArrayNode r = rows.addArray();
                for (float x : row) {
                    r.add(x);
                }
            }
        }
        return out;
    }

    private static ArrayNode vector(double[] v) {
        ArrayNode a = JSON.createArrayNode();
        for (double x : v) {
            a.add(x);
        }
        return a;
    }
}

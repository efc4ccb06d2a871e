package ftx.engine.cli;

import ftx.engine.ModelHandle;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.engine.analysis.LatentAnalysis;
import ftx.engine.analysis.PositionCode;
import ftx.engine.util.Rng;
import java.io.PrintStream;
import java.util.List;

/** {@code ftx encode}: the encoder's view of every position of a text. */
final class EncodeCommand implements Command {
    @Override
    public String name() {
        return "encode";
    }

    @Override
    public String summary() {
        return "run the encoder on a text: per position bit probabilities, KL and Z index";
    }

    @Override
    public String usage() {
        return """
                usage: ftx encode --model DIR --text STR [--seed N] [--json]
                  Runs the encoder (the first half of the decoder plus the non-causal block) on the
                  whole text and prints, for every position: the symbol, the H bit probabilities
                  p_h = sigmoid(l_h) (bit 0 least significant), the KL to the uniform prior in nats,
                  the sampled Z index (u_h < p_h, uniforms from --seed) and the most likely Z.
                  --model DIR   checkpoint folder (config.json + model.safetensors)
                  --text STR    symbols of the model's vocabulary, e.g. "C>____CCCCCCCC___"
                  --seed N      seed of the posterior sample (default 1)
                  --json        machine-readable output
                """;
    }

    @Override
    public void run(Args args, PrintStream out, PrintStream err) throws Exception {
        String modelDir = args.required("model");
        String text = args.required("text");
        long seed = args.longValue("seed", 1);
        boolean json = args.flag("json");
        args.rejectUnknown();
        ModelHandle m = ModelHandle.open(java.nio.file.Path.of(modelDir));
        List<PositionCode> codes = LatentAnalysis.encode(m.model(), m.vocabulary().encode(text), new Rng(seed));
        double klTotal = codes.stream().mapToDouble(PositionCode::kl).sum();
        int h = m.model().config().latentBits();
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("latentBits", h);
            root.put("klTotal", klTotal);
            ArrayNode positions = root.putArray("positions");
            for (int t = 0; t < codes.size(); t++) {
                PositionCode pc = codes.get(t);
                ObjectNode o = positions.addObject();
                o.put("position", t);
                o.put("symbol", String.valueOf(text.charAt(t)));
                ArrayNode bits = o.putArray("bitProbabilities");
                for (float p : pc.bitProbabilities()) {
                    bits.add(p);
                }
                o.put("kl", pc.kl());
                o.put("zIndex", pc.sampledZ());
                o.put("mostLikelyZ", pc.mostLikelyZ());
            }
            Json.print(out, root);
            return;
        }
        out.printf("pos sym  zIndex  mostLikely  KL(nats)  bits h=%d..0 (p > 0.5 as 1)%n", h - 1);
        for (int t = 0; t < codes.size(); t++) {
            PositionCode pc = codes.get(t);
            StringBuilder bits = new StringBuilder();
            for (int b = h - 1; b >= 0; b--) {
                bits.append(pc.bitProbabilities()[b] > 0.5f ? '1' : '0');
            }
            out.printf("%3d  %c  %6d  %10d  %8.4f  %s%n", t, text.charAt(t), pc.sampledZ(), pc.mostLikelyZ(), pc.kl(), bits);
        }
        out.printf("KL total %.4f nats (%.3f bits) over %d positions%n", klTotal, klTotal / Math.log(2), codes.size());
    }
}

package ftx.engine.cli;

import ftx.engine.ModelHandle;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.engine.analysis.LatentAnalysis;
import ftx.engine.analysis.ScoreResult;
import java.io.PrintStream;

/** {@code ftx score}: log-probabilities of a text's symbols given chosen Z indices. */
final class ScoreCommand implements Command {
    @Override
    public String name() {
        return "score";
    }

    @Override
    public String summary() {
        return "log-probability of each next symbol of a text under given Z indices, and the CE";
    }

    @Override
    public String usage() {
        return """
                usage: ftx score --model DIR --text STR --z i,j,... [--json]
                  Feeds the text minus its last symbol with one Z index per input position and
                  prints the log-probability (nats) of each actual next symbol and their mean
                  cross-entropy. A baseline model (latent_bits 0) takes no --z.
                  --model DIR   checkpoint folder
                  --text STR    symbols of the model's vocabulary (at least 2)
                  --z LIST      comma-separated Z indices in 0..2^H-1, one per symbol but the last
                  --json        machine-readable output
                """;
    }

    @Override
    public void run(Args args, PrintStream out, PrintStream err) throws Exception {
        String modelDir = args.required("model");
        String text = args.required("text");
        String zList = args.string("z", null);
        boolean json = args.flag("json");
        args.rejectUnknown();
        ModelHandle m = ModelHandle.open(java.nio.file.Path.of(modelDir));
        if (m.model().config().hasLatent() && zList == null) {
            throw new Args.UsageException("missing --z: this model has H = " + m.model().config().latentBits()
                    + " latent bits, so every input position needs a Z index");
        }
        int[] z;
        try {
            z = m.model().config().hasLatent() ? m.parseZ(zList) : new int[0];
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--z: " + e.getMessage());
        }
        int[] tokens = m.vocabulary().encode(text);
        if (m.model().config().hasLatent() && z.length != tokens.length - 1) {
            throw new Args.UsageException("--z has " + z.length + " indices; the text has " + (tokens.length - 1)
                    + " input positions (one per symbol but the last)");
        }
        ScoreResult s = LatentAnalysis.score(m.model(), tokens, z);
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            var lp = root.putArray("logProbs");
            for (double v : s.logProbs()) {
                lp.add(v);
            }
            root.put("ce", s.ce());
            Json.print(out, root);
            return;
        }
        out.println("pos  next  log p (nats)");
        for (int t = 0; t < s.logProbs().length; t++) {
            out.printf("%3d    %c   %10.4f%n", t, text.charAt(t + 1), s.logProbs()[t]);
        }
        out.printf("CE %.4f nats per predicted position%n", s.ce());
    }
}

package ftx.engine.cli;

import ftx.engine.ModelHandle;
import ftx.engine.inside.InsideJson;
import ftx.engine.inside.InsidePosition;
import ftx.engine.inside.InsideSequence;
import ftx.engine.inside.TraversalRow;
import ftx.engine.inside.ZChoice;
import ftx.engine.task.Vocabulary;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code ftx inside}: attention, next-symbol probabilities with and without Z, and every code at one position. */
final class InsideCommand implements Command {
    @Override
    public String name() {
        return "inside";
    }

    @Override
    public String summary() {
        return "look inside at one position: attention maps, next-symbol probabilities with and without Z, every code";
    }

    @Override
    public String usage() {
        return """
                usage: ftx inside --model DIR --text SEQ --position T [--z most-likely|sample|CODES] [--code C]
                                  [--seed N] [--prior-draws N] [--continue K] [--traverse at|shared] [--json]
                  Positions count from 0 over the whole sequence, prompt included; the next symbol at T is
                  the model's distribution for symbol T+1 given symbols 0..T (row T of the logits), which
                  Z_0..Z_T can change.
                  --z            Z at every position: most-likely (the posterior's mode, the default),
                                 sample (drawn from the encoder with --seed), or one code per symbol (3,0,...)
                  --code C       also the distribution with code C at T, the other positions as chosen
                  --seed N       the encoder's sample and the prior's draws (1)
                  --prior-draws N  draws of Z_0..Z_T from the uniform prior, the situation of generation (32)
                  --continue K   greedy continuation of K symbols per traversed code (8)
                  --traverse     at: each code at T alone, Z elsewhere as chosen (the default); shared: each
                                 code at every position 0..T, for decisions a model spreads over many positions
                  --json         {"position", "text", "vocabulary", "z", "attention": {"decoder":
                                 [layer][head][T][T], "encoder": [head][T][T]}, "nextToken": {"encoderZ",
                                 "priorZ": {"mean", "std", "draws"}, "code": {"z", "probs"}}, "traversal":
                                 [{"code", "posterior", "probs", "continuation"}], "traversalMode"}
                  Every code 0..2^H-1 is traversed for H <= 8, the 256 most probable under the posterior above.
                """;
    }

    @Override
    public void run(Args args, PrintStream out, PrintStream err) throws Exception {
        Path dir = Path.of(args.required("model"));
        String text = args.required("text");
        int position = args.integer("position", -1);
        if (!args.has("position")) {
            throw new Args.UsageException("missing --position T (0-based, over the whole sequence)");
        }
        String zText = args.string("z", "most-likely");
        Integer code = args.has("code") ? args.integer("code", 0) : null;
        long seed = args.longValue("seed", 1);
        int draws = args.integer("prior-draws", InsideSequence.DEFAULT_PRIOR_DRAWS);
        int k = args.integer("continue", InsideSequence.DEFAULT_CONTINUATION);
        String traverse = args.string("traverse", "at");
        if (!traverse.equals("at") && !traverse.equals("shared")) {
            throw new Args.UsageException("--traverse must be at or shared, got " + traverse);
        }
        boolean json = args.flag("json");
        args.rejectUnknown();
        ModelHandle m = ModelHandle.open(dir);
        InsideSequence s;
        InsidePosition p;
        try {
            ZChoice choice = ZChoice.parse(zText);
            s = new InsideSequence(m.model(), m.vocabulary().encode(text), choice, seed, draws);
            p = s.at(position, code, k, traverse.equals("shared"));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        if (json) {
            Json.line(out, InsideJson.of(s, p, m.vocabulary()));
            return;
        }
        print(s, p, m.vocabulary(), text, out);
    }

    private static void print(InsideSequence s, InsidePosition p, Vocabulary v, String text, PrintStream out) {
        int t = p.position();
        out.printf("position %d (symbol '%c'); the next symbol is symbol %d%n", t, text.charAt(t), t + 1);
        if (!s.hasLatent()) {
            out.println("a baseline model: no Z, no encoder");
        } else {
            out.println("Z at t: " + s.z()[t] + "   (codes per position: " + java.util.Arrays.toString(s.z()) + ")");
        }
        out.println("next symbol    with Z as chosen" + (s.hasLatent() ? "   Z from the prior (mean +- std)" : "")
                + (p.codeProbs() != null ? "   code " + p.code() + " at t" : ""));
        Integer[] order = new Integer[v.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(p.encoderZ()[b], p.encoderZ()[a]));
        for (int r = 0; r < Math.min(6, order.length); r++) {
            int i = order[r];
            out.printf("   '%c'         %8.4f", v.symbol(i), p.encoderZ()[i]);
            if (p.priorMean() != null) {
                out.printf("          %8.4f +- %.4f", p.priorMean()[i], p.priorStd()[i]);
            }
            if (p.codeProbs() != null) {
                out.printf("          %8.4f", p.codeProbs()[i]);
            }
            out.println();
        }
        if (!p.traversal().isEmpty()) {
            out.printf("traversal at t: %d codes (most probable first; top 3 next symbols; greedy continuation)%n",
                    p.traversal().size());
            for (TraversalRow row : p.traversal().subList(0, Math.min(16, p.traversal().size()))) {
                Integer[] o = order.clone();
                java.util.Arrays.sort(o, (a, b) -> Double.compare(row.probs()[b], row.probs()[a]));
                out.printf("  code %5d  posterior %.4f   '%c' %.3f  '%c' %.3f  '%c' %.3f   %s%n", row.code(), row.posterior(),
                        v.symbol(o[0]), row.probs()[o[0]], v.symbol(o[1]), row.probs()[o[1]], v.symbol(o[2]),
                        row.probs()[o[2]], v.decode(row.continuation()));
            }
        }
    }
}

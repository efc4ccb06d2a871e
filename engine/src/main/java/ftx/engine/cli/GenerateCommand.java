package ftx.engine.cli;

import ftx.engine.ModelHandle;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.engine.generate.GenerationRequest;
import ftx.engine.generate.GenerationResult;
import ftx.engine.generate.Generator;
import ftx.engine.generate.TokenListener;
import ftx.engine.generate.ZPolicy;
import ftx.engine.util.Rng;
import java.io.PrintStream;
import java.util.Arrays;

/** {@code ftx generate}: sample continuations of a prompt with a chosen Z policy. */
final class GenerateCommand implements Command {
    @Override
    public String name() {
        return "generate";
    }

    @Override
    public String summary() {
        return "generate sequences from a prompt, Z fresh from the prior, shared, or pinned";
    }

    @Override
    public String usage() {
        return """
                usage: ftx generate --model DIR [--prompt STR] [--count N] [--tokens N] [--temperature T]
                                    [--top-k K] [--seed N] [--z prior|shared|LIST] [--json]
                  The prompt's Z comes from the encoder run on the prompt; each new position gets
                  its Z from the policy:
                    prior   a fresh Z per position and per sequence (the paper's generation; default)
                    shared  one Z sequence drawn from the prior, shared by all --count sequences
                    LIST    comma-separated indices per input position, -1 = fresh from the prior
                  --prompt STR     default "A>" for the synthetic task's vocabulary
                  --count N        sequences generated together (default 1)
                  --tokens N       new symbols per sequence (default 64)
                  --temperature T  default 1; 0 = greedy
                  --top-k K        default 0 = all symbols
                  --seed N         default 1
                  --json           machine-readable output
                """;
    }

    @Override
    public void run(Args args, PrintStream out, PrintStream err) throws Exception {
        String modelDir = args.required("model");
        String promptArg = args.string("prompt", null);
        int count = args.integer("count", 1);
        int tokens = args.integer("tokens", 64);
        double temperature = args.number("temperature", 1.0);
        int topK = args.integer("top-k", 0);
        long seed = args.longValue("seed", 1);
        String zArg = args.string("z", "prior");
        boolean json = args.flag("json");
        args.rejectUnknown();
        ModelHandle m = ModelHandle.open(java.nio.file.Path.of(modelDir));
        boolean synthetic = m.vocabulary().symbols().indexOf('>') >= 0 && m.vocabulary().symbols().indexOf('A') >= 0;
        if (promptArg == null && !synthetic) {
            throw new Args.UsageException("missing --prompt (there is a default, \"A>\", only for the synthetic task)");
        }
        String prompt = promptArg == null ? "A>" : promptArg;
        if (count < 1 || count > 1024) {
            throw new Args.UsageException("--count must be in 1..1024, got " + count);
        }
        int[] p = m.vocabulary().encode(prompt);
        int[][] prompts = new int[count][];
        Arrays.fill(prompts, p);
        ZPolicy policy = policy(zArg, m, p.length + tokens - 1, seed);
        long t0 = System.nanoTime();
        GenerationResult r = Generator.generate(m.model(), new GenerationRequest(prompts, tokens, temperature, topK, seed, policy),
                TokenListener.NONE);
        double ms = (System.nanoTime() - t0) / 1e6;
        err.printf("generated %d x %d symbols in %.1f ms (%.3f ms per position)%n", count, tokens, ms, ms / tokens);
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("prompt", prompt);
            root.put("milliseconds", ms);
            ArrayNode seqs = root.putArray("sequences");
            for (int s = 0; s < count; s++) {
                ObjectNode o = seqs.addObject();
                o.put("text", m.vocabulary().decode(r.tokens()[s]));
                ArrayNode z = o.putArray("z");
                for (int v : r.z()[s]) {
                    z.add(v);
                }
            }
            Json.print(out, root);
            return;
        }
        for (int s = 0; s < count; s++) {
            out.println(m.vocabulary().decode(r.tokens()[s]));
        }
    }

    private static ZPolicy policy(String arg, ModelHandle m, int positions, long seed) {
        switch (arg) {
            case "prior":
                return ZPolicy.prior();
            case "shared": {
                int codes = m.model().config().latentCodes();
                Rng rng = new Rng(seed ^ 0x5DEECE66DL);
                int[] z = new int[positions]; // one prior draw per position, shared by every sequence
                for (int t = 0; t < positions; t++) {
                    z[t] = rng.nextInt(codes);
                }
                return sharedAfterPrompt(z);
            }
            default: {
                String[] parts = arg.split(",");
                int[] z = new int[parts.length];
                int max = m.model().config().latentCodes() - 1;
                for (int i = 0; i < parts.length; i++) {
                    try {
                        z[i] = Integer.parseInt(parts[i].trim());
                    } catch (NumberFormatException e) {
                        throw new Args.UsageException("--z must be prior, shared or a comma-separated list of indices, got \""
                                + arg + "\"");
                    }
                    if (z[i] < -1 || z[i] > max) {
                        throw new Args.UsageException("--z entry " + i + " = " + z[i] + " is outside -1..." + max);
                    }
                }
                return ZPolicy.pinned(z);
            }
        }
    }

    /** Shared prior draws for generated positions; prompt positions keep each sequence's posterior. */
    private static ZPolicy sharedAfterPrompt(int[] z) {
        return (s, t, posterior, codes, rng) -> posterior >= 0 ? posterior : z[t];
    }
}

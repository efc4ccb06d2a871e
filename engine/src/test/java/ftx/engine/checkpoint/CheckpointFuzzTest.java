package ftx.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ftx.engine.io.CheckpointFormatException;
import ftx.engine.io.Tensor;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Initializer;
import ftx.engine.util.Rng;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Mutated checkpoints (seeded byte flips, header and config edits, size lies, missing files)
 * either load or fail with the tool's own format error: never another exception, never an
 * OutOfMemoryError. {@value #DEFAULT_CASES} cases by default; {@code -Dftx.fuzz.cases=N} for more.
 */
class CheckpointFuzzTest {
    static final int DEFAULT_CASES = 300;
    private static final FreeTransformerConfig SMALL = new FreeTransformerConfig(29, 8, 2, 2, 12, 3, 10000, 1e-5);
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final String[] LIES = {"0", "-1", "1", "7", "3000", "2147483647", "2147483648", "4294967296",
            "9223372036854775807", "1e9", "1e300", "-0.5", "NaN"};
    private static final List<String> FILES = List.of(CheckpointStore.CONFIG, CheckpointStore.WEIGHTS,
            CheckpointStore.OPTIMIZER, CheckpointStore.TRAINER_STATE);

    @TempDir
    Path tmp;

    @Test
    void everyMutatedCheckpointLoadsOrFailsWithAFormatError() throws Exception {
        Path base = tmp.resolve("base");
        CheckpointStore.save(base, original());
        int cases = Integer.getInteger("ftx.fuzz.cases", DEFAULT_CASES);
        int loaded = 0;
        int refused = 0;
        for (int i = 0; i < cases; i++) {
            Random r = new Random(1000L + i);
            Path dir = tmp.resolve("case-" + i);
            Files.createDirectories(dir);
            for (String f : FILES) {
                Files.copy(base.resolve(f), dir.resolve(f));
            }
            String what = mutate(dir, r);
            try {
                CheckpointStore.load(dir, DataType.FLOAT);
                loaded++;
            } catch (CheckpointFormatException e) {
                assertTrue(e.getMessage().startsWith(dir.toString()), "case " + i + " (" + what + "): " + e.getMessage());
                refused++;
            } catch (Throwable t) {
                fail("case " + i + " (" + what + ") ended in " + t, t);
            }
            deleteFolder(dir);
        }
        assertTrue(refused > cases / 3 && loaded > 0, cases + " cases: " + loaded + " loaded, " + refused + " refused");
    }

    private static ftx.engine.checkpoint.Checkpoint original() {
        var w = Initializer.init(SMALL, new Rng(3), DataType.FLOAT);
        Map<String, Tensor> opt = new LinkedHashMap<>();
        for (String prefix : List.of("m.", "v.")) {
            w.asMap().forEach((name, a) -> opt.put(prefix + name, TensorConversion.toTensor(prefix + name, a.mul(a))));
        }
        Map<String, Object> state = Map.of("step", 5, "rng_state", "12345", "adam_steps", 5, "history", List.of(List.of(1, 2.5)));
        return new Checkpoint(SMALL, "ABCDEFGHIJKLMNOPQRSTUVWXYZ>_!", w, Map.of("name", "synthetic"), Map.of(),
                new Checkpoint.ResumeState(opt, state));
    }

    /** Applies one seeded mutation and says which. */
    private static String mutate(Path dir, Random r) throws Exception {
        String name = FILES.get(r.nextInt(FILES.size()));
        Path f = dir.resolve(name);
        byte[] b = Files.readAllBytes(f);
        int kind = r.nextInt(7);
        switch (kind) {
            case 0 -> { // byte flips anywhere
                int n = 1 + r.nextInt(8);
                for (int k = 0; k < n; k++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
                Files.write(f, b);
                return "flipped " + n + " bytes of " + name;
            }
            case 1 -> { // byte flips in the first 400 bytes (headers, config)
                int i = r.nextInt(Math.min(400, b.length));
                b[i] = (byte) r.nextInt(256);
                Files.write(f, b);
                return "byte " + i + " of " + name + " set at random";
            }
            case 2 -> { // a number of the header or JSON replaced by a lie
                boolean tensors = name.endsWith(".safetensors");
                int start = tensors ? 8 : 0;
                int len = tensors ? (int) ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(0) : b.length;
                String text = new String(b, start, len, StandardCharsets.UTF_8);
                Matcher m = NUMBER.matcher(text);
                List<int[]> spans = new java.util.ArrayList<>();
                while (m.find()) {
                    spans.add(new int[] {m.start(), m.end()});
                }
                int[] s = spans.get(r.nextInt(spans.size()));
                String lie = LIES[r.nextInt(LIES.length)];
                String edited = text.substring(0, s[0]) + lie + text.substring(s[1]);
                writeEdited(f, b, tensors, edited);
                return name + ": " + text.substring(s[0], s[1]) + " -> " + lie;
            }
            case 3 -> { // truncated or extended
                int to = r.nextBoolean() ? r.nextInt(b.length) : b.length + 1 + r.nextInt(64);
                Files.write(f, Arrays.copyOf(b, to));
                return name + " cut or padded to " + to + " bytes";
            }
            case 4 -> { // the header length lies
                long lie = switch (r.nextInt(4)) {
                    case 0 -> r.nextInt(b.length * 2);
                    case 1 -> -1 - r.nextInt(10);
                    case 2 -> Long.MAX_VALUE;
                    default -> 1L << 32;
                };
                if (!name.endsWith(".safetensors")) {
                    Files.delete(f);
                    return name + " deleted";
                }
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, lie);
                Files.write(f, b);
                return name + " header length " + lie;
            }
            case 5 -> { // one tensor's offsets copied onto another (aliasing)
                Path w = dir.resolve(CheckpointStore.WEIGHTS);
                byte[] wb = Files.readAllBytes(w);
                int len = (int) ByteBuffer.wrap(wb).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
                String text = new String(wb, 8, len, StandardCharsets.UTF_8);
                Matcher m = Pattern.compile("\"data_offsets\":\\[\\d+,\\d+\\]").matcher(text);
                List<String> all = new java.util.ArrayList<>();
                while (m.find()) {
                    all.add(m.group());
                }
                String from = all.get(r.nextInt(all.size()));
                String to = all.get(r.nextInt(all.size()));
                writeEdited(w, wb, true, text.replaceFirst(Pattern.quote(to), from));
                return "weights: " + to + " -> " + from;
            }
            default -> {
                Files.delete(f);
                return name + " deleted";
            }
        }
    }

    /** Rewrites a file with an edited header (safetensors, its length fixed) or an edited text. */
    private static void writeEdited(Path f, byte[] b, boolean tensors, String edited) throws Exception {
        byte[] e = edited.getBytes(StandardCharsets.UTF_8);
        if (!tensors) {
            Files.write(f, e);
            return;
        }
        int oldLen = (int) ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        ByteBuffer out = ByteBuffer.allocate(8 + e.length + b.length - 8 - oldLen).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(e.length).put(e).put(b, 8 + oldLen, b.length - 8 - oldLen);
        Files.write(f, out.array());
    }

    private static void deleteFolder(Path dir) throws Exception {
        StagedSave.deleteTree(dir);
    }
}

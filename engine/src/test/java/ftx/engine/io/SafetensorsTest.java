package ftx.engine.io;

import ftx.engine.testing.GoldenFiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Tests of {@link Safetensors} and {@link Tensor}: F32 round trips, reading the other dtypes,
 * the golden files shared with the Python reference, and one test per kind of corruption.
 */
class SafetensorsTest {

    @TempDir
    Path dir;

    // ---- round trips ---------------------------------------------------------------------

    @Test
    void roundTripF32KeepsShapesValuesAndOrder() throws Exception {
        List<Tensor> tensors = List.of(
                Tensor.of("z.scalar", new long[]{}, new float[]{3.5f}),
                Tensor.of("b.vector", new long[]{5}, new float[]{1, -2, 0.1f, Float.MAX_VALUE, -0f}),
                Tensor.of("a.matrix", new long[]{2, 3}, new float[]{1, 2, 3, 4, 5, 6}),
                Tensor.of("c.cube", new long[]{2, 2, 2}, new float[]{0, 1, 2, 3, 4, 5, 6, 1e-30f}),
                Tensor.of("d.empty", new long[]{0, 4}, new float[]{}));
        Path f = dir.resolve("m.safetensors");
        Safetensors.writeF32(f, tensors, null);

        Map<String, Tensor> back = Safetensors.read(f);
        assertEquals(List.of("z.scalar", "b.vector", "a.matrix", "c.cube", "d.empty"), new ArrayList<>(back.keySet()));
        for (Tensor t : tensors) {
            Tensor r = back.get(t.name());
            assertArrayEquals(t.shape(), r.shape(), t.name());
            assertArrayEquals(t.values(), r.values(), t.name());
            assertEquals(t, r);
        }
        assertEquals(1, back.get("z.scalar").numel());
        assertEquals(0, back.get("z.scalar").rank());
        assertTrue(Safetensors.readMetadata(f).isEmpty());
    }

    @Test
    void writerRoundsToFloatAndPadsHeaderToEightBytes() throws Exception {
        Path f = dir.resolve("r.safetensors");
        double third = 1.0 / 3.0;
        Safetensors.writeF32(f, List.of(new Tensor("x", new long[]{1}, new double[]{third})), Map.of());
        assertEquals((float) third, Safetensors.read(f).get("x").values()[0]);

        byte[] bytes = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header length must be a multiple of 8");
        assertEquals(8 + n + 4, bytes.length);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{"), header);
        assertTrue(header.trim().endsWith("}"), header);
        assertTrue(header.contains("\"dtype\":\"F32\""), header);
    }

    @Test
    void roundTripMetadata() throws Exception {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "ftx");
        meta.put("step", "1200");
        meta.put("note", "ünïcödé \"quoted\" \n newline");
        Path f = dir.resolve("meta.safetensors");
        Safetensors.writeF32(f, List.of(Tensor.of("w", new long[]{2}, new float[]{1, 2})), meta);

        assertEquals(meta, Safetensors.readMetadata(f));
        Map<String, Tensor> back = Safetensors.read(f);
        assertEquals(List.of("w"), new ArrayList<>(back.keySet()), "metadata is not a tensor");
    }

    @Test
    void writerRejectsDuplicateAndReservedNames() {
        Path f = dir.resolve("dup.safetensors");
        Tensor a = Tensor.of("a", new long[]{1}, new float[]{1});
        assertThrows(IllegalArgumentException.class, () -> Safetensors.writeF32(f, List.of(a, a), null));
        Tensor reserved = Tensor.of("__metadata__", new long[]{1}, new float[]{1});
        assertThrows(IllegalArgumentException.class, () -> Safetensors.writeF32(f, List.of(reserved), null));
    }

    @Test
    void readsF64I32AndI64() throws Exception {
        ByteBuffer data = ByteBuffer.allocate(16 + 12 + 24).order(ByteOrder.LITTLE_ENDIAN);
        data.putDouble(Math.PI).putDouble(-1e300);
        data.putInt(7).putInt(-3).putInt(Integer.MAX_VALUE);
        data.putLong(1L << 53).putLong(-(1L << 53)).putLong(28);
        Path f = craft("types", "{\"d\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"i\":{\"dtype\":\"I32\",\"shape\":[3,1],\"data_offsets\":[16,28]},"
                + "\"l\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[28,52]}}", data.array());

        Map<String, Tensor> t = Safetensors.read(f);
        assertArrayEquals(new double[]{Math.PI, -1e300}, t.get("d").values());
        assertArrayEquals(new long[]{3, 1}, t.get("i").shape());
        assertArrayEquals(new int[]{7, -3, Integer.MAX_VALUE}, t.get("i").toInts());
        assertArrayEquals(new double[]{1L << 53, -(1L << 53), 28}, t.get("l").values());
    }

    @Test
    void readsTensorsLargerThanOneChunk() throws Exception {
        int n = 100_003;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i * 0.25f - 7;
        }
        Path f = dir.resolve("big.safetensors");
        Safetensors.writeF32(f, List.of(Tensor.of("big", new long[]{n}, v), Tensor.of("tail", new long[]{1}, new float[]{9})), null);
        Map<String, Tensor> back = Safetensors.read(f);
        assertArrayEquals(v, back.get("big").toFloats());
        assertArrayEquals(new float[]{9}, back.get("tail").toFloats());
    }

    // ---- Tensor --------------------------------------------------------------------------

    @Test
    void tensorValidatesShapeAgainstValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Tensor("blocks.0.w", new long[]{2, 3}, new double[5]));
        assertTrue(e.getMessage().contains("blocks.0.w"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Tensor("neg", new long[]{-1}, new double[0]));
        assertEquals(1, new Tensor("s", new long[]{}, new double[]{4}).numel());
    }

    @Test
    void tensorToIntsRejectsNonIntegers() {
        Tensor t = new Tensor("frac", new long[]{2}, new double[]{1, 1.5});
        IllegalStateException e = assertThrows(IllegalStateException.class, t::toInts);
        assertTrue(e.getMessage().contains("frac"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new Tensor("big", new long[]{1}, new double[]{1e10}).toInts());
    }

    @Test
    void tensorShapeIsCopied() {
        long[] shape = {2, 2};
        Tensor t = new Tensor("t", shape, new double[4]);
        shape[0] = 4;
        assertArrayEquals(new long[]{2, 2}, t.shape());
        t.shape()[1] = 9;
        assertArrayEquals(new long[]{2, 2}, t.shape());
    }

    // ---- golden files from the Python reference --------------------------------------------

    @Test
    void readsGoldenTinyModel() throws Exception {
        Map<String, Tensor> model = Safetensors.read(golden("model.safetensors"));
        assertEquals(53, model.size());
        assertEquals("zeta", model.keySet().iterator().next(), "header order is kept");

        Tensor embed = model.get("embed.weight");
        assertArrayEquals(new long[]{29, 32}, embed.shape());
        float[] e = embed.toFloats();
        assertEquals(0.012226651422679424f, e[0]);
        assertEquals(-0.00889777485281229f, e[1]);
        assertEquals(0.018631696701049805f, e[e.length - 1]);
        assertEquals(-0.6639512842593831, Arrays.stream(embed.values()).sum(), 1e-9);

        Tensor post = model.get("post.weight");
        assertArrayEquals(new long[]{256, 32}, post.shape());
        assertEquals(-0.4777545928955078, post.values()[0]);
        assertEquals(28.97997582907192, Arrays.stream(post.values()).sum(), 1e-9);
    }

    @Test
    void readsGoldenTinyCase() throws Exception {
        Map<String, Tensor> c = Safetensors.read(golden("case.safetensors"));
        Tensor tokens = c.get("tokens");
        assertArrayEquals(new long[]{3, 66}, tokens.shape());
        int[] tok = tokens.toInts();
        for (int t : tok) {
            assertTrue(t >= 0 && t <= 28, "token " + t + " out of 0..28");
        }
        assertEquals(570, Arrays.stream(tok).sum());
        assertArrayEquals(new int[]{2, 28, 0}, Arrays.copyOf(tok, 3));

        Tensor inputs = c.get("inputs");
        assertArrayEquals(new long[]{3, 65}, inputs.shape());
        int[] in = inputs.toInts();
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 65; k++) {
                assertEquals(tok[r * 66 + k], in[r * 65 + k], "inputs are tokens without the last column");
            }
        }
        assertArrayEquals(new long[]{3, 65, 29}, c.get("logits").shape());
    }

    // ---- corruption ------------------------------------------------------------------------

    @Test
    void fileShorterThanEightBytes() throws Exception {
        Path f = dir.resolve("short.safetensors");
        Files.write(f, new byte[]{1, 2, 3});
        assertFormatError(f, "shorter than");
        Files.write(f, new byte[0]);
        assertFormatError(f, "shorter than");
    }

    @Test
    void headerLengthBeyondFile() throws Exception {
        Path f = validFile("trunc-header");
        patchHeaderLength(f, Files.size(f));
        assertFormatError(f, "truncated header");

        Path g = validFile("cut-in-header");
        byte[] b = Files.readAllBytes(g);
        Files.write(g, Arrays.copyOf(b, 20));
        assertFormatError(g, "truncated header");
    }

    @Test
    void absurdHeaderLength() throws Exception {
        Path f = validFile("absurd");
        patchHeaderLength(f, 200L * 1024 * 1024);
        assertFormatError(f, "absurd");
        patchHeaderLength(f, -8L); // 2^64 - 8 as unsigned
        assertFormatError(f, "absurd");
    }

    @Test
    void headerNotJson() throws Exception {
        assertFormatError(craft("notjson", "{\"a\": {\"dtype\": ", new byte[0]), "not valid JSON");
        assertFormatError(craft("trailing", "{} {}", new byte[0]), "not valid JSON");
        assertFormatError(craft("badutf8", new byte[]{'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, new byte[0]),
                "UTF-8");
    }

    @Test
    void headerNotAnObject() throws Exception {
        assertFormatError(craft("array", "[1, 2, 3]", new byte[0]), "expected a JSON object");
        assertFormatError(craft("blank", "        ", new byte[0]), "expected a JSON object");
        assertFormatError(craft("entry", "{\"a\": 5}", new byte[0]), "'a'");
    }

    @Test
    void entryMissingFields() throws Exception {
        byte[] data = new byte[8];
        assertFormatError(craft("nodtype", "{\"w\":{\"shape\":[2],\"data_offsets\":[0,8]}}", data), "missing \"dtype\"");
        assertFormatError(craft("noshape", "{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", data), "missing \"shape\"");
        assertFormatError(craft("nooffsets", "{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", data), "missing \"data_offsets\"");
        assertFormatError(craft("badoffsets", "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", data),
                "data_offsets");
        assertFormatError(craft("badshape", "{\"w\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]}}", data),
                "not an integer");
    }

    @Test
    void unsupportedDtype() throws Exception {
        Path f = craft("bf16", "{\"w\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[0,8]}}", new byte[8]);
        assertFormatError(f, "unsupported dtype 'BF16'");
    }

    @Test
    void negativeDimension() throws Exception {
        Path f = craft("neg", "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1,2],\"data_offsets\":[0,8]}}", new byte[8]);
        assertFormatError(f, "negative dimension");
    }

    @Test
    void dataOffsetsOutsideDataArea() throws Exception {
        Path f = validFile("trunc-data");
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 3));
        assertFormatError(f, "truncated");

        assertFormatError(craft("reversed", "{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}}", new byte[8]),
                "invalid data_offsets");
        assertFormatError(craft("negoff", "{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[-4,0]}}", new byte[8]),
                "invalid data_offsets");
    }

    @Test
    void byteLengthDisagreesWithShape() throws Exception {
        Path f = craft("len", "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}", new byte[24]);
        assertFormatError(f, "needs 24");
        Path g = craft("huge", "{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,4],\"data_offsets\":[0,8]}}",
                new byte[8]);
        assertFormatError(g, "too many elements");
    }

    @Test
    void duplicateTensorNames() throws Exception {
        String e = "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        Path f = craft("dupname", "{\"w\":" + e + ",\"w\":" + e + "}", new byte[4]);
        assertFormatError(f, "Duplicate");
    }

    @Test
    void i64BeyondDoublePrecision() throws Exception {
        ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong((1L << 53) + 1);
        Path f = craft("i64big", "{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", data.array());
        assertFormatError(f, "ids");
    }

    @Test
    void metadataMustBeStrings() throws Exception {
        assertFormatError(craft("meta", "{\"__metadata__\":{\"step\":5}}", new byte[0]), "not a string");
        assertFormatError(craft("meta2", "{\"__metadata__\":[]}", new byte[0]), "__metadata__");
    }

    @Test
    void tensorsMustTileTheDataAreaWithoutOverlapOrGap() throws Exception {
        String a = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
        assertFormatError(craft("overlap", "{" + a + ",\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
                new byte[12]), "overlaps");
        assertFormatError(craft("gap", "{" + a + ",\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}}",
                new byte[16]), "belong to no tensor");
        assertFormatError(craft("trailing", "{" + a + "}", new byte[12]), "trailing bytes");
    }

    @Test
    void thousandsOfEntriesAliasingOneRegionAreRefusedBeforeAnyIsRead() throws Exception {
        StringBuilder h = new StringBuilder("{");
        for (int i = 0; i < 3000; i++) {
            h.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":{\"dtype\":\"F32\",\"shape\":[1048576],\"data_offsets\":[0,4194304]}");
        }
        assertFormatError(craft("alias", h.append("}").toString(), new byte[4 << 20]), "overlaps");
    }

    @Test
    void aSparseFileClaimingBillionsOfValuesIsRefusedBeforeAllocating() throws Exception {
        long n = (1L << 31) - 16;
        byte[] header = ("{\"w\":{\"dtype\":\"F32\",\"shape\":[" + n + "],\"data_offsets\":[0," + 4 * n + "]}}")
                .getBytes(StandardCharsets.UTF_8);
        Path f = dir.resolve("sparse.safetensors");
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            ByteBuffer b = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
            raf.write(b.putLong(header.length).put(header).array());
            raf.setLength(8 + header.length + 4 * n); // a hole: 8 GB long, a few KB on disk
        }
        assertFormatError(f, "of memory");
    }

    @Test
    void theCallersCheckRunsBeforeAnyDataIsRead() throws Exception {
        Path f = validFile("checked");
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Safetensors.read(f, shapes -> {
            assertArrayEquals(new long[] {2, 2}, shapes.get("a"));
            throw new CheckpointFormatException(f, "refused by the caller");
        }));
        assertTrue(e.getMessage().contains("refused by the caller"));
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** Asserts that reading {@code f} fails with a message naming the file and containing {@code problem}. */
    private static void assertFormatError(Path f, String problem) {
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Safetensors.read(f),
                "reading " + f + " should fail with '" + problem + "'");
        String m = e.getMessage();
        assertTrue(m.contains(f.toString()), "message should name the file: " + m);
        assertTrue(m.contains(problem), "message should mention '" + problem + "': " + m);
        assertEquals(f, e.file());
    }

    private Path validFile(String name) throws IOException {
        Path f = dir.resolve(name + ".safetensors");
        Safetensors.writeF32(f, List.of(
                Tensor.of("a", new long[]{2, 2}, new float[]{1, 2, 3, 4}),
                Tensor.of("b", new long[]{3}, new float[]{5, 6, 7})), Map.of("k", "v"));
        return f;
    }

    private static void patchHeaderLength(Path f, long n) throws IOException {
        byte[] b = Files.readAllBytes(f);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, n);
        Files.write(f, b);
    }

    private Path craft(String name, String header, byte[] data) throws IOException {
        return craft(name, header.getBytes(StandardCharsets.UTF_8), data);
    }

    /** A file with the given raw header bytes (length written as is) followed by {@code data}. */
    private Path craft(String name, byte[] header, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header).put(data);
        Path f = dir.resolve(name + ".safetensors");
        Files.write(f, b.array());
        return f;
    }

    /** A file of the tiny golden case (a missing one fails the test). */
    private static Path golden(String file) {
        return GoldenFiles.caseDir("tiny").resolve(file);
    }

    @Test
    void goldenLookupFindsFile() {
        assertFalse(golden("expected.json").toString().isEmpty());
    }
}

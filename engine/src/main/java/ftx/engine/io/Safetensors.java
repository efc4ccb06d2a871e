package ftx.engine.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.engine.util.MemoryBudget;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format: an 8-byte little-endian header length {@code N}, {@code N} bytes of UTF-8 JSON mapping
 * each tensor name to {@code {"dtype", "shape", "data_offsets"}} (offsets relative to the data
 * area right after the header) plus an optional {@code "__metadata__"} string map, then the raw
 * little-endian data.
 *
 * <p>Reads F32, F64, I32 and I64 into {@link Tensor}s of doubles; writes F32 only. Data is
 * streamed through a small buffer, so a file costs no more memory than its tensors. Every
 * malformed file gives a {@link CheckpointFormatException} naming the file and the problem.
 */
public final class Safetensors {

    /** The header key that holds the string-to-string metadata instead of a tensor. */
    public static final String METADATA_KEY = "__metadata__";

    /** Larger headers are taken as corruption rather than allocated. */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final int CHUNK_BYTES = 1 << 16;
    private static final long MAX_EXACT_INT = 1L << 53;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Safetensors() {
    }

    /** The element types this reader understands, with their size in bytes. */
    private enum DType {
        F32(4), F64(8), I32(4), I64(8);

        final int size;

        DType(int size) {
            this.size = size;
        }
    }

    /** One tensor entry of the header, validated against the data area. */
    private record Entry(String name, DType dtype, long[] shape, int numel, long begin, long end) {
    }

    /** A parsed and validated header. */
    private record Header(long dataStart, Map<String, Entry> entries, Map<String, String> metadata) {
    }

    /**
     * Checks a validated header before any tensor data is read (names and shapes against what the
     * caller expects), so a file that lies about its contents costs no allocation.
     */
    @FunctionalInterface
    public interface HeaderCheck {
        /** @param shapes every tensor's shape, in header order; throw to refuse the file */
        void check(Map<String, long[]> shapes) throws CheckpointFormatException;
    }

    /**
     * Reads every tensor; keeps header order.
     *
     * @return a {@link LinkedHashMap} from tensor name to tensor, in the order of the header
     * @throws CheckpointFormatException if the file is not a well-formed safetensors file of
     *                                   supported dtypes
     * @throws IOException               if the file cannot be read at all
     */
    public static Map<String, Tensor> read(Path file) throws CheckpointFormatException, IOException {
        return read(file, shapes -> { });
    }

    /** As {@link #read(Path)}, with the caller's check of the header before any data is read. */
    public static Map<String, Tensor> read(Path file, HeaderCheck check) throws CheckpointFormatException, IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(file, ch, check);
        }
    }

    /**
     * Reads every tensor from an open channel (named file for messages): the header is validated
     * whole (offsets contiguous from 0 to the end of the data, no overlap, no gap), then checked by
     * {@code check}, then the values must fit in the memory left before any is allocated.
     */
    public static Map<String, Tensor> read(Path file, FileChannel ch, HeaderCheck check)
            throws CheckpointFormatException, IOException {
        Header header = readHeader(file, ch);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        long values = 0;
        for (Entry e : header.entries().values()) {
            shapes.put(e.name(), e.shape().clone());
            values += e.numel();
        }
        check.check(shapes);
        String tooBig = MemoryBudget.heapProblem(values * Double.BYTES, "its " + values + " values");
        if (tooBig != null) {
            throw new CheckpointFormatException(file, tooBig);
        }
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Entry e : header.entries().values()) {
            double[] v = readValues(file, ch, header.dataStart(), e, buf);
            out.put(e.name(), new Tensor(e.name(), e.shape(), v));
        }
        return out;
    }

    /**
     * Reads only the {@code "__metadata__"} map of the header (empty if there is none), after
     * validating the whole header as {@link #read(Path)} does.
     */
    public static Map<String, String> readMetadata(Path file) throws CheckpointFormatException, IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return readMetadata(file, ch);
        }
    }

    /** As {@link #readMetadata(Path)}, from an open channel (named file for messages). */
    public static Map<String, String> readMetadata(Path file, FileChannel ch) throws CheckpointFormatException, IOException {
        return readHeader(file, ch).metadata();
    }

    /**
     * Writes float32 tensors (values rounded to float) in the given order, header padded with
     * spaces to a multiple of 8 bytes. Not atomic by itself (the caller writes into a temp
     * folder). An existing file is replaced.
     *
     * @param metadata string metadata stored under {@code "__metadata__"}; may be null or empty
     * @throws IllegalArgumentException if two tensors share a name, a tensor is named
     *                                  {@code "__metadata__"}, or the metadata holds a null
     */
    public static void writeF32(Path file, Collection<Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(tensors, "tensors");
        byte[] header = headerBytes(tensors, metadata);
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            buf.putLong(header.length);
            buf.flip();
            writeFully(ch, buf);
            writeFully(ch, ByteBuffer.wrap(header));
            for (Tensor t : tensors) {
                double[] v = t.values();
                int i = 0;
                while (i < v.length) {
                    buf.clear();
                    while (i < v.length && buf.remaining() >= Float.BYTES) {
                        buf.putFloat((float) v[i++]);
                    }
                    buf.flip();
                    writeFully(ch, buf);
                }
            }
        }
    }

    // ---- writing -------------------------------------------------------------------------

    private static byte[] headerBytes(Collection<Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA_KEY);
            for (Map.Entry<String, String> m : metadata.entrySet()) {
                if (m.getKey() == null || m.getValue() == null) {
                    throw new IllegalArgumentException("metadata holds a null key or value: " + m);
                }
                meta.put(m.getKey(), m.getValue());
            }
        }
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (Tensor t : tensors) {
            Objects.requireNonNull(t, "tensor");
            if (t.name().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("a tensor may not be named " + METADATA_KEY);
            }
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("duplicate tensor name '" + t.name() + "'");
            }
            ObjectNode node = root.putObject(t.name());
            node.put("dtype", DType.F32.name());
            ArrayNode shape = node.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            long end = offset + t.numel() * DType.F32.size;
            node.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = JSON.writeValueAsBytes(root);
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    // ---- reading -------------------------------------------------------------------------

    private static Header readHeader(Path file, FileChannel ch) throws CheckpointFormatException, IOException {
        long size = ch.size();
        if (size < 8) {
            throw new CheckpointFormatException(file, "not a safetensors file: only " + size
                    + " bytes, shorter than the 8-byte header length");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, ch, lenBuf, 0);
        long n = lenBuf.flip().getLong();
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new CheckpointFormatException(file, "corrupt header: header length "
                    + Long.toUnsignedString(n) + " bytes is absurd (limit " + MAX_HEADER_BYTES + ")");
        }
        if (n > size - 8) {
            throw new CheckpointFormatException(file, "truncated header: header length " + n
                    + " bytes but the file has only " + (size - 8) + " bytes after the length");
        }
        ByteBuffer headerBuf = ByteBuffer.allocate((int) n);
        readFully(file, ch, headerBuf, 8);
        headerBuf.flip();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(headerBuf).toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointFormatException(file, "corrupt header: not valid UTF-8", e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CheckpointFormatException(file, "corrupt header: not valid JSON ("
                    + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointFormatException(file, "corrupt header: expected a JSON object, found "
                    + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType().toString().toLowerCase()));
        }
        long dataStart = 8 + n;
        long dataSize = size - dataStart;
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            if (name.equals(METADATA_KEY)) {
                metadata = parseMetadata(file, field.getValue());
            } else {
                entries.put(name, parseEntry(file, name, field.getValue(), dataSize));
            }
        }
        requireContiguous(file, entries, dataSize);
        return new Header(dataStart, entries, metadata);
    }

    /** The tensors must tile the data area exactly: from 0, each starting where another ends, to its end. */
    private static void requireContiguous(Path file, Map<String, Entry> entries, long dataSize)
            throws CheckpointFormatException {
        Entry[] byOffset = entries.values().toArray(new Entry[0]);
        Arrays.sort(byOffset, Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        String previous = null;
        for (Entry e : byOffset) {
            if (e.begin() < at) {
                throw new CheckpointFormatException(file, "corrupt header: tensor '" + e.name() + "' overlaps tensor '"
                        + previous + "' (its data starts at byte " + e.begin() + ", before " + at + ")");
            }
            if (e.begin() > at) {
                throw new CheckpointFormatException(file, "corrupt header: bytes " + at + ".." + e.begin()
                        + " of the data belong to no tensor (a gap before '" + e.name() + "')");
            }
            at = e.end();
            previous = e.name();
        }
        if (at != dataSize) {
            throw new CheckpointFormatException(file, "corrupt header: the tensors cover " + at + " bytes but the data area has "
                    + dataSize + " (" + (at < dataSize ? "trailing bytes" : "truncated") + ")");
        }
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) throws CheckpointFormatException {
        if (!node.isObject()) {
            throw new CheckpointFormatException(file, "corrupt header: " + METADATA_KEY + " is not an object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> m : node.properties()) {
            if (!m.getValue().isTextual()) {
                throw new CheckpointFormatException(file, "corrupt header: " + METADATA_KEY + " value of '"
                        + m.getKey() + "' is not a string");
            }
            metadata.put(m.getKey(), m.getValue().textValue());
        }
        return metadata;
    }

    private static Entry parseEntry(Path file, String name, JsonNode node, long dataSize)
            throws CheckpointFormatException {
        String where = "tensor '" + name + "': ";
        if (!node.isObject()) {
            throw new CheckpointFormatException(file, where + "header entry is not an object");
        }
        JsonNode dtypeNode = required(file, where, node, "dtype");
        JsonNode shapeNode = required(file, where, node, "shape");
        JsonNode offsetsNode = required(file, where, node, "data_offsets");

        if (!dtypeNode.isTextual()) {
            throw new CheckpointFormatException(file, where + "dtype is not a string");
        }
        DType dtype;
        try {
            dtype = DType.valueOf(dtypeNode.textValue());
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException(file, where + "unsupported dtype '" + dtypeNode.textValue()
                    + "' (supported: " + Arrays.toString(DType.values()) + ")");
        }

        if (!shapeNode.isArray()) {
            throw new CheckpointFormatException(file, where + "shape is not an array");
        }
        long[] shape = new long[shapeNode.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong()) {
                throw new CheckpointFormatException(file, where + "shape " + shapeNode + " holds a dimension that is not an integer");
            }
            shape[i] = d.longValue();
            if (shape[i] < 0) {
                throw new CheckpointFormatException(file, where + "negative dimension in shape " + shapeNode);
            }
        }
        for (long d : shape) {
            numel = (numel > 0 && d > Long.MAX_VALUE / numel) ? -1 : numel * d;
            if (numel < 0) {
                break;
            }
        }
        // Also bounds the byte length, so numel * size cannot overflow below.
        if (numel < 0 || numel > Integer.MAX_VALUE - 8) {
            throw new CheckpointFormatException(file, where + "shape " + shapeNode + " has too many elements");
        }

        if (!offsetsNode.isArray() || offsetsNode.size() != 2
                || !isLong(offsetsNode.get(0)) || !isLong(offsetsNode.get(1))) {
            throw new CheckpointFormatException(file, where + "data_offsets " + offsetsNode
                    + " is not a pair of integers");
        }
        long begin = offsetsNode.get(0).longValue();
        long end = offsetsNode.get(1).longValue();
        if (begin < 0 || end < begin) {
            throw new CheckpointFormatException(file, where + "invalid data_offsets " + offsetsNode);
        }
        if (end > dataSize) {
            throw new CheckpointFormatException(file, where + "data_offsets " + offsetsNode
                    + " reach past the end of the data area (" + dataSize + " bytes); the file is truncated");
        }
        long expected = numel * dtype.size;
        if (end - begin != expected) {
            throw new CheckpointFormatException(file, where + "data_offsets " + offsetsNode + " span "
                    + (end - begin) + " bytes but " + dtype + " shape " + shapeNode + " needs " + expected);
        }
        return new Entry(name, dtype, shape, (int) numel, begin, end);
    }

    private static JsonNode required(Path file, String where, JsonNode node, String key)
            throws CheckpointFormatException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new CheckpointFormatException(file, where + "header entry is missing \"" + key + "\"");
        }
        return v;
    }

    private static boolean isLong(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.canConvertToLong();
    }

    private static double[] readValues(Path file, FileChannel ch, long dataStart, Entry e, ByteBuffer buf)
            throws CheckpointFormatException, IOException {
        double[] values = new double[e.numel()];
        long pos = dataStart + e.begin();
        int i = 0;
        while (i < values.length) {
            int count = Math.min(values.length - i, buf.capacity() / e.dtype().size);
            buf.clear().limit(count * e.dtype().size);
            readFully(file, ch, buf, pos);
            pos += buf.limit();
            buf.flip();
            switch (e.dtype()) {
                case F32 -> {
                    for (int k = 0; k < count; k++) {
                        values[i++] = buf.getFloat();
                    }
                }
                case F64 -> {
                    for (int k = 0; k < count; k++) {
                        values[i++] = buf.getDouble();
                    }
                }
                case I32 -> {
                    for (int k = 0; k < count; k++) {
                        values[i++] = buf.getInt();
                    }
                }
                case I64 -> {
                    for (int k = 0; k < count; k++) {
                        long v = buf.getLong();
                        if (v > MAX_EXACT_INT || v < -MAX_EXACT_INT) {
                            throw new CheckpointFormatException(file, "tensor '" + e.name() + "': I64 value " + v
                                    + " at index " + i + " does not fit exactly in a double (|v| > 2^53)");
                        }
                        values[i++] = v;
                    }
                }
                default -> throw new AssertionError(e.dtype());
            }
        }
        return values;
    }

    /** Fills {@code buf} from {@code pos}; a short file (e.g. shrinking while read) is a format error. */
    private static void readFully(Path file, FileChannel ch, ByteBuffer buf, long pos)
            throws CheckpointFormatException, IOException {
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) {
                throw new CheckpointFormatException(file, "truncated: unexpected end of file at byte " + pos,
                        new EOFException());
            }
            pos += r;
        }
    }
}

package ftx.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static ftx.engine.checkpoint.CheckpointFixtures.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.engine.io.CheckpointFormatException;
import ftx.engine.io.Safetensors;
import ftx.engine.io.Tensor;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Parameters;
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
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Saving over a checkpoint replaces its files and keeps everything else, back to back saves leave
 * nothing behind, and a save that fails part-way leaves the previous checkpoint as it was.
 */
class CheckpointSaveTest {
    @TempDir
    Path tmp;

    // ---- atomic save ---------------------------------------------------------------------

    @Test
    void saveOverExistingCheckpointReplacesItsFilesAndKeepsOthers() throws Exception {
        Path dir = savedCheckpoint(tmp); // H = 3 with resume state
        Files.writeString(dir.resolve("stray.txt"), "a file of the user's");

        Checkpoint next = checkpoint(BASELINE, 99, null);
        CheckpointStore.save(dir, next);

        assertSameCheckpoint(next, CheckpointStore.load(dir, DataType.FLOAT));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(FolderLock.FILE, CheckpointStore.CONFIG, CheckpointStore.WEIGHTS, "stray.txt"),
                    s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()),
                    "the old optimizer state is gone with its save; a file the tool did not write is never deleted");
        }
        assertEquals("a file of the user's", Files.readString(dir.resolve("stray.txt")));
        assertTrue(hiddenEntries(tmp).isEmpty(), "left behind: " + hiddenEntries(tmp));
    }

    @Test
    void saveTwiceInARowLeavesNoOldFolderBehind() throws Exception {
        Path dir = tmp.resolve("ckpt");
        for (int i = 0; i < 3; i++) {
            CheckpointStore.save(dir, checkpoint(SMALL, i, resumeState(i)));
        }
        assertSameCheckpoint(checkpoint(SMALL, 2, resumeState(2)), CheckpointStore.load(dir, DataType.FLOAT));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("ckpt"), s.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        }
    }

    @Test
    void failedSaveOfOptimizerLeavesPreviousCheckpointIntact() throws Exception {
        Path dir = savedCheckpoint(tmp);
        Map<String, byte[]> before = snapshot(dir);
        Checkpoint previous = CheckpointStore.load(dir, DataType.FLOAT);

        // model.safetensors and config.json are written first; the optimizer file then fails
        Map<String, Tensor> badOpt = new LinkedHashMap<>(resumeState(5).optimizer());
        badOpt.put(Safetensors.METADATA_KEY, zerosTensor(Safetensors.METADATA_KEY, 2));
        Checkpoint bad = checkpoint(BASELINE, 6, new Checkpoint.ResumeState(badOpt, Map.of("step", 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckpointStore.save(dir, bad));
        assertTrue(e.getMessage().contains(Safetensors.METADATA_KEY), e.getMessage());

        assertSameFiles(before, snapshot(dir));
        assertSameCheckpoint(previous, CheckpointStore.load(dir, DataType.FLOAT));
        assertTrue(hiddenEntries(tmp).isEmpty(), "left behind: " + hiddenEntries(tmp));
    }

    @Test
    void failedSaveOfTrainerStateLeavesPreviousCheckpointIntact() throws Exception {
        Path dir = savedCheckpoint(tmp);
        Map<String, byte[]> before = snapshot(dir);

        // the very last file fails: a trainer state Jackson cannot serialize
        Map<String, Object> badState = Map.of("step", 1, "rng", new Object());
        Checkpoint bad = checkpoint(SMALL, 6, new Checkpoint.ResumeState(resumeState(5).optimizer(), badState));
        assertThrows(IOException.class, () -> CheckpointStore.save(dir, bad));

        assertSameFiles(before, snapshot(dir));
        assertEquals(SMALL, CheckpointStore.load(dir, DataType.FLOAT).config());
        assertTrue(hiddenEntries(tmp).isEmpty(), "left behind: " + hiddenEntries(tmp));
    }

    @Test
    void failedFirstSaveLeavesNothingBehind() throws Exception {
        Path dir = tmp.resolve("fresh");
        Map<String, Tensor> badOpt = Map.of(Safetensors.METADATA_KEY, zerosTensor(Safetensors.METADATA_KEY, 1));
        Checkpoint bad = checkpoint(SMALL, 7, new Checkpoint.ResumeState(badOpt, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> CheckpointStore.save(dir, bad));

        assertFalse(Files.exists(dir));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count());
        }
    }
}

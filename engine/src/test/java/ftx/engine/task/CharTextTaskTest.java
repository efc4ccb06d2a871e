package ftx.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.util.Rng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CharTextTaskTest {
    private static final String TEXT = "the quick brown fox jumps over the lazy dog.\nThe end!";

    @Test
    void vocabularyIsTheSortedDistinctCharacters() {
        CharTextTask task = new CharTextTask("fox", TEXT, 10);
        assertEquals("\n !.Tabcdefghijklmnopqrstuvwxyz", task.vocabulary().symbols());
        assertEquals("fox", task.name());
        assertEquals(10, task.sequenceLength());
        assertEquals(1, task.promptLength());
    }

    @Test
    void samplesAreWindowsOfTheTextAtTheirOffset() {
        CharTextTask task = new CharTextTask("fox", TEXT, 10);
        Rng rng = new Rng(11);
        boolean[] seen = new boolean[task.windows()];
        for (int i = 0; i < 2000; i++) {
            Sample sample = task.sample(rng);
            int offset = (Integer) sample.factors().get("offset");
            String window = task.vocabulary().decode(sample.tokens());
            assertEquals(10, window.length());
            assertEquals(TEXT.substring(offset, offset + 10), window);
            seen[offset] = true;
        }
        assertEquals(TEXT.length() - 9, seen.length);
        for (int o = 0; o < seen.length; o++) {
            assertTrue(seen[o], "offset " + o + " never drawn");
        }
    }

    @Test
    void sameSeedSameWindows() {
        CharTextTask task = new CharTextTask("fox", TEXT, 5);
        assertTrue(java.util.Arrays.deepEquals(task.batch(new Rng(3), 30), task.batch(new Rng(3), 30)));
    }

    @Test
    void smallestTextHasTwoWindows() {
        CharTextTask task = new CharTextTask("ab", "abc", 2);
        assertEquals(2, task.windows());
    }

    @Test
    void badInputsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CharTextTask("short", "abcde", 5));
        assertTrue(e.getMessage().contains("short") && e.getMessage().contains("at least 6"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CharTextTask("x", TEXT, 1));
        assertThrows(IllegalArgumentException.class, () -> new CharTextTask(" ", TEXT, 4));

        StringBuilder wide = new StringBuilder();
        for (char c = 0x100; c < 0x100 + 257; c++) {
            wide.append(c);
        }
        e = assertThrows(IllegalArgumentException.class, () -> new CharTextTask("wide", wide.toString(), 4));
        assertTrue(e.getMessage().contains("257") && e.getMessage().contains("256"), e.getMessage());
        assertEquals(256, new CharTextTask("ok", wide.substring(1), 4).vocabulary().size());
    }

    @Test
    void fromFileReadsUtf8AndDescribesTheSource(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("poem.txt");
        Files.writeString(file, "\uFEFFcafé au lait, café noir", StandardCharsets.UTF_8);
        CharTextTask task = CharTextTask.fromFile(file, 6);
        assertEquals("poem.txt", task.name());
        assertEquals("café au lait, café noir", task.text());
        assertTrue(task.vocabulary().symbols().contains("é"));
        assertFalse(task.vocabulary().symbols().contains("\uFEFF"));
        assertEquals(file.toString(), task.describe().get("source"));
        assertEquals("poem.txt", task.describe().get("name"));
        assertEquals(6, task.describe().get("sequenceLength"));
    }

    @Test
    void fromFileNamesAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.txt");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> CharTextTask.fromFile(missing, 4));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void fromFileRefusesInvalidUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.txt");
        Files.write(file, new byte[] {'a', 'b', (byte) 0xE9, 'c', 'd', 'e'});
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> CharTextTask.fromFile(file, 2));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}

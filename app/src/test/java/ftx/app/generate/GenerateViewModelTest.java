package ftx.app.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ftx.app.generate.GenerationOutcome.Group;
import ftx.app.generate.GenerationOutcome.Mode;
import ftx.app.generate.GenerationOutcome.Sample;
import ftx.engine.ModelHandle;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Generate view-model without a display (generation on the calling thread), on the golden
 * tiny model (H = 8): the Figure 4 layout, pinned Z kept in every sample, shared groups sharing
 * Z and fresh ones not, the bit-h pair, refused input, the baseline and the JSON export.
 */
class GenerateViewModelTest {
    private static final int PROMPT = 2;
    @TempDir
    static Path scratch;
    private static ModelHandle golden;
    private GenerateViewModel vm;

    @BeforeAll
    static void load() throws Exception {
        golden = TestModels.golden(scratch);
    }

    @BeforeEach
    void setUp() {
        vm = new GenerateViewModel(ftx.app.common.TaskRunner.sameThread());
        vm.modelProperty().set(golden);
    }

    private GenerationOutcome generate() {
        vm.generate();
        assertEquals("", vm.errorProperty().get());
        return vm.outcomeProperty().get();
    }

    @Test
    void figure4LayoutHasAFreshGroupThenGSharedGroupsWithFactorsAndMetrics() {
        GenerationOutcome o = generate();
        assertEquals(5, o.groups().size(), "the fresh group and G = 4 shared groups");
        assertEquals(Mode.FRESH, o.groups().get(0).mode());
        for (Group g : o.groups()) {
            assertEquals(5, g.samples().size());
            assertNotNull(g.metrics(), "agreement numbers for the synthetic task");
            for (Sample s : g.samples()) {
                assertEquals(66, s.text().length());
                assertTrue(s.text().startsWith("A>"));
                assertEquals(65, s.z().length, "one Z per input position");
                assertNotNull(s.reading());
            }
        }
        assertTrue(o.comparison().startsWith("Shared groups agree on the start"), o.comparison());
        assertTrue(o.milliseconds() > 0);
        assertEquals(o.milliseconds(), vm.lastMillisProperty().get());
    }

    @Test
    void sharedGroupsShareZAtGeneratedPositionsAndFreshSamplesDoNot() {
        GenerationOutcome o = generate();
        for (Group g : o.groups().subList(1, 5)) {
            assertEquals(Mode.SHARED, g.mode());
            int[] first = g.samples().get(0).z();
            for (Sample s : g.samples()) {
                assertArrayEquals(Arrays.copyOfRange(first, PROMPT, 65), Arrays.copyOfRange(s.z(), PROMPT, 65));
            }
        }
        assertFalse(Arrays.equals(o.groups().get(1).samples().get(0).z(), o.groups().get(2).samples().get(0).z()),
                "two shared groups draw different Z sequences");
        List<Sample> fresh = o.groups().get(0).samples();
        for (int i = 0; i < fresh.size(); i++) {
            for (int j = i + 1; j < fresh.size(); j++) {
                assertFalse(Arrays.equals(Arrays.copyOfRange(fresh.get(i).z(), PROMPT, 65),
                        Arrays.copyOfRange(fresh.get(j).z(), PROMPT, 65)), "fresh samples " + i + " and " + j + " differ in Z");
            }
        }
    }

    @Test
    void pinnedPositionsKeepTheirCodesInEverySampleAndChangesAreMarked() {
        GenerationOutcome before = generate();
        int[] pins = new int[40];
        Arrays.fill(pins, -1);
        pins[0] = 200; // a prompt position
        pins[5] = 17;
        pins[20] = 0;
        pins[39] = 255;
        vm.pinnedZProperty().set(PinnedZ.format(pins));
        GenerationOutcome after = generate();
        for (Group g : after.groups()) {
            for (Sample s : g.samples()) {
                for (int t = 0; t < pins.length; t++) {
                    if (pins[t] >= 0) {
                        assertEquals(pins[t], s.z()[t], g.title() + ": position " + t + " keeps its pinned code");
                    }
                }
            }
        }
        assertTrue(after.comparedTo().contains("previous generation"), "same seed: changes are marked");
        int marked = 0;
        for (int g = 0; g < after.groups().size(); g++) {
            for (int i = 0; i < after.groups().get(g).samples().size(); i++) {
                Sample a = before.groups().get(g).samples().get(i);
                Sample b = after.groups().get(g).samples().get(i);
                for (int k = 0; k < b.text().length(); k++) {
                    assertEquals(a.text().charAt(k) != b.text().charAt(k), b.changed()[k], "mark at " + k);
                }
                marked += b.changedCount();
            }
        }
        assertTrue(marked > 0, "pinning four positions of a random-weight model changes some symbols");
        assertTrue(vm.statusProperty().get().contains("4 positions pinned"), vm.statusProperty().get());
    }

    @Test
    void pinFromTakesAnInspectedSequencesZAndRegenerates() {
        int[] inspected = new int[66];
        for (int t = 0; t < inspected.length; t++) {
            inspected[t] = (t * 37) % 256;
        }
        vm.pinFrom(inspected);
        GenerationOutcome o = vm.outcomeProperty().get();
        assertNotNull(o, "regenerated at once");
        for (Group g : o.groups()) {
            for (Sample s : g.samples()) {
                assertArrayEquals(Arrays.copyOf(inspected, 65), s.z());
            }
        }
        assertTrue(vm.statusProperty().get().startsWith("Pinned the first 65 of 66 codes"), vm.statusProperty().get());
    }

    @Test
    void badPinsAreRefusedWithAMessageAndNothingIsGenerated() {
        GenerationOutcome before = generate();
        vm.pinnedZProperty().set("-1,3,x");
        vm.generate();
        assertTrue(vm.errorProperty().get().contains("entry 2 is not a whole number"), vm.errorProperty().get());
        assertSame(before, vm.outcomeProperty().get());
        vm.pinnedZProperty().set("256");
        vm.generate();
        assertTrue(vm.errorProperty().get().contains("outside -1..255"), vm.errorProperty().get());
        vm.pinnedZProperty().set("-2");
        vm.explainBit();
        assertTrue(vm.errorProperty().get().contains("outside -1..255"), vm.errorProperty().get());
        assertSame(before, vm.outcomeProperty().get());
        vm.pinnedZProperty().set("");
        vm.promptProperty().set("a>");
        vm.generate();
        assertTrue(vm.errorProperty().get().contains("outside the vocabulary"), vm.errorProperty().get());
        assertSame(before, vm.outcomeProperty().get());
    }

    @Test
    void bitActionForcesBitHToZeroAndOneAtEveryGeneratedPosition() {
        vm.bitProperty().set(3);
        vm.explainBit();
        assertEquals("", vm.errorProperty().get());
        GenerationOutcome o = vm.outcomeProperty().get();
        assertEquals(GenerationOutcome.Kind.BIT_PAIR, o.kind());
        assertEquals(Mode.BIT_ZERO, o.groups().get(0).mode());
        assertEquals(Mode.BIT_ONE, o.groups().get(1).mode());
        for (int side = 0; side < 2; side++) {
            for (Sample s : o.groups().get(side).samples()) {
                for (int t = PROMPT; t < 65; t++) {
                    assertEquals(side, (s.z()[t] >> 3) & 1, "bit 3 at position " + t);
                }
            }
        }
        Sample zero = o.groups().get(0).samples().get(0);
        Sample one = o.groups().get(1).samples().get(0);
        for (int t = PROMPT; t < 65; t++) {
            assertEquals(zero.z()[t] | 8, one.z()[t], "the same draw, only bit 3 differs");
        }
        assertTrue(o.comparison().startsWith("Flipping bit 3"), o.comparison());
    }

    @Test
    void theBaselineGeneratesButHasNoZControls() throws Exception {
        vm.modelProperty().set(TestModels.baseline(scratch));
        assertFalse(vm.latentAvailableProperty().get());
        assertTrue(vm.zNoteProperty().get().startsWith("baseline: no Z"));
        GenerationOutcome o = generate();
        assertEquals(5, o.groups().size());
        assertEquals(Mode.BASELINE, o.groups().get(1).mode());
        assertEquals(0, o.groups().get(1).samples().get(0).z().length);
        vm.explainBit();
        assertTrue(vm.errorProperty().get().contains("baseline"), vm.errorProperty().get());
    }

    @Test
    void withoutAModelNothingIsGeneratedAndTheMessageSaysWhy() {
        vm.modelProperty().set(null);
        vm.generate();
        assertTrue(vm.errorProperty().get().contains("Models page"));
        assertNull(vm.outcomeProperty().get());
    }

    @Test
    void jsonExportHoldsEverySampleWithItsZFactorsAndTheGroupMetrics() throws Exception {
        vm.groupsProperty().set(2);
        vm.samplesPerGroupProperty().set(3);
        generate();
        Path file = scratch.resolve("g.json");
        vm.exportJson(file);
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertEquals(9, root.get("sampleCount").asInt());
        assertEquals(3, root.get("groups").size());
        JsonNode sample = root.get("groups").get(1).get("samples").get(2);
        assertEquals(66, sample.get("text").asText().length());
        assertEquals(65, sample.get("z").size());
        assertTrue(sample.get("factors").has("wellFormed"));
        assertTrue(root.get("groups").get(1).get("metrics").has("startAgreement"));
        assertEquals("shared", root.get("groups").get(1).get("mode").asText());
    }

    @Test
    void eightSamplesOf64SymbolsRegenerateAfterAnEditWithTheTimeExposed() {
        vm.groupsProperty().set(1);
        vm.samplesPerGroupProperty().set(4);
        generate();
        vm.pinnedZProperty().set("-1,-1,-1,42");
        GenerationOutcome o = generate();
        assertEquals(8, o.sampleCount());
        assertTrue(vm.lastMillisProperty().get() > 0 && vm.lastMillisProperty().get() < 10_000,
                "regeneration took " + vm.lastMillisProperty().get() + " ms");
    }

    private static void assertArrayEquals(int[] expected, int[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
    }
}

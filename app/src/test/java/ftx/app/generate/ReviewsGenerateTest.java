package ftx.app.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ftx.app.generate.GenerationOutcome.Group;
import ftx.app.generate.GenerationOutcome.Mode;
import ftx.app.generate.GenerationOutcome.Sample;
import ftx.engine.ModelHandle;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Generate view-model on a tiny reviews-task model (H = 4, untrained, so its samples are
 * mostly not reviews): the prompt '>' and 80 new symbols by default, every sample read as a
 * review, every group measured by sentiment agreement, the comparison and bit-pair lines about
 * the sentiment, and the JSON export; switching to a synthetic model and back restores each
 * task's defaults but keeps what the user typed.
 */
class ReviewsGenerateTest {
    private static final Set<String> LABELS = Set.of("not a review", "mixed");
    @TempDir
    static Path scratch;
    private static ModelHandle reviews;
    private GenerateViewModel vm;

    @BeforeAll
    static void load() throws Exception {
        reviews = TestModels.reviews(scratch);
    }

    @BeforeEach
    void setUp() {
        vm = new GenerateViewModel(ftx.app.common.TaskRunner.sameThread());
        vm.modelProperty().set(reviews);
        vm.groupsProperty().set(2);
        vm.samplesPerGroupProperty().set(3);
    }

    private GenerationOutcome generate() {
        vm.generate();
        assertEquals("", vm.errorProperty().get());
        return vm.outcomeProperty().get();
    }

    @Test
    void aReviewsModelStartsFromThePromptAndAFullReview() {
        assertTrue(reviews.isReviewsTask());
        assertFalse(reviews.isSyntheticTask());
        assertEquals(">", vm.promptProperty().get());
        assertEquals(80, vm.newSymbolsProperty().get());
        assertFalse(vm.syntheticProperty().get(), "the prompt is typed, not a letter");
    }

    @Test
    void everySampleIsReadAsAReviewAndEveryGroupIsMeasuredBySentiment() {
        GenerationOutcome o = generate();
        assertEquals(3, o.groups().size(), "the fresh group and G = 2 shared groups");
        assertEquals(Mode.FRESH, o.groups().get(0).mode());
        for (Group g : o.groups()) {
            assertNotNull(g.metrics(), g.title());
            assertEquals("sentiment", g.metrics().decision());
            assertEquals(3, g.metrics().samples());
            assertTrue(g.metrics().summary().contains("sentiment agreement"), g.metrics().summary());
            for (Sample s : g.samples()) {
                assertEquals(81, s.text().length(), "'>' and a full review");
                assertTrue(s.text().startsWith(">"));
                ReviewReading r = assertInstanceOf(ReviewReading.class, s.reading());
                assertTrue(LABELS.contains(r.label()) || r.label().matches("(good|bad) \\(opening \\d\\)"), r.label());
                assertEquals(ReviewReading.of(s.text()), r, "the reading is the grammar's parse of the text");
            }
        }
        assertTrue(o.comparison().startsWith("Shared groups agree on the sentiment "), o.comparison());
        assertTrue(o.comparison().contains("; well formed "), o.comparison());
    }

    @Test
    void theBitPairSaysInHowManySamplesTheSentimentFlipped() {
        vm.bitProperty().set(2);
        vm.explainBit();
        assertEquals("", vm.errorProperty().get());
        GenerationOutcome o = vm.outcomeProperty().get();
        assertTrue(o.comparison().matches("Flipping bit 2 at every generated position changed \\d+ of 240 generated "
                + "symbols; the sentiment flipped in \\d of 3 samples\\."), o.comparison());
        for (Group g : o.groups()) {
            assertEquals("sentiment", g.metrics().decision());
            g.samples().forEach(s -> assertInstanceOf(ReviewReading.class, s.reading()));
        }
    }

    @Test
    void theJsonExportHoldsEveryReviewsFactors() throws Exception {
        generate();
        Path file = scratch.resolve("reviews.json");
        vm.exportJson(file);
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertEquals("reviews", root.get("task").asText());
        assertEquals(">", root.get("settings").get("prompt").asText());
        for (JsonNode g : root.get("groups")) {
            assertTrue(g.get("metrics").has("sentimentAgreement"));
            assertTrue(g.get("metrics").has("openingAgreement"));
            for (JsonNode s : g.get("samples")) {
                JsonNode f = s.get("factors");
                assertNotNull(f, "factors for every sample");
                assertTrue(f.has("label") && f.has("wellFormed") && f.has("mixed"), f.toString());
                assertEquals(f.get("parsed").asBoolean(), f.has("sentiment"), f.toString());
            }
        }
    }

    @Test
    void eachTaskBringsItsDefaultsButWhatTheUserTypedStays() throws Exception {
        ModelHandle synthetic = TestModels.golden(scratch);
        vm.modelProperty().set(synthetic);
        assertEquals("A>", vm.promptProperty().get());
        assertEquals(64, vm.newSymbolsProperty().get());
        GenerationOutcome o = generate();
        assertTrue(o.comparison().startsWith("Shared groups agree on the start"), o.comparison());
        vm.modelProperty().set(reviews);
        assertEquals(">", vm.promptProperty().get());
        assertEquals(80, vm.newSymbolsProperty().get());
        vm.promptProperty().set(">i went in blind.");
        vm.newSymbolsProperty().set(60);
        vm.modelProperty().set(TestModels.reviews(scratch)); // another reviews model
        assertEquals(">i went in blind.", vm.promptProperty().get());
        assertEquals(60, vm.newSymbolsProperty().get());
        vm.modelProperty().set(synthetic);
        assertEquals("A>", vm.promptProperty().get(), "a reviews prompt is no synthetic prompt");
        assertEquals(60, vm.newSymbolsProperty().get(), "a typed length stays");
    }
}

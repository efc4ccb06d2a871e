package ftx.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.model.FreeTransformer;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Initializer;
import ftx.engine.util.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The whole evaluation on tiny untrained models: shapes, ranges, and a seed that reproduces it. */
class SyntheticEvaluationTest {
    private static final SyntheticEvaluation.Settings SMALL = new SyntheticEvaluation.Settings(4, 3, 8, 1.0, 5);

    private static FreeTransformer tiny(int vocab, int latentBits) {
        FreeTransformerConfig c = new FreeTransformerConfig(vocab, 16, 2, 2, 16, latentBits, 10000, 1e-5);
        return new FreeTransformer(c, Initializer.init(c, new Rng(11), DataType.FLOAT), 128);
    }

    private static boolean fraction(double v) {
        return Double.isNaN(v) || v >= 0 && v <= 1;
    }

    private static void checkMode(SyntheticEvaluationReport.ModeReport m, String name) {
        assertEquals(name, m.mode());
        GroupMetrics g = m.metrics();
        assertEquals(4, g.groups());
        assertEquals(12, g.samples());
        assertTrue(g.wellFormedSamples() >= 0 && g.wellFormedSamples() <= 12);
        assertEquals(g.wellFormedSamples() / 12.0, g.wellFormed(), 1e-12);
        assertTrue(fraction(g.startAgreement()) && fraction(g.noiseOverlap()) && fraction(g.crossGroupStartAgreement()));
        assertEquals(3, m.firstGroup().size());
        char letter = m.firstGroup().get(0).charAt(0);
        for (String text : m.firstGroup()) {
            assertEquals(66, text.length());
            assertEquals(letter, text.charAt(0), "one prompt per group");
            assertEquals('>', text.charAt(1));
        }
    }

    @Test
    void aFreeTransformerGetsBothModesAndEveryNumberInRange() {
        SyntheticEvaluationReport r = SyntheticEvaluation.run(tiny(29, 3), SMALL);
        assertEquals(3, r.latentBits());
        assertTrue(r.hasLatent());
        checkMode(r.fresh(), "fresh");
        assertNotNull(r.shared());
        checkMode(r.shared(), "shared");
        assertEquals(r.fresh().firstGroup().get(0).charAt(0), r.shared().firstGroup().get(0).charAt(0),
                "both modes use the same prompts");
        var d = r.freshData();
        assertEquals(8, d.sequences());
        double uniform = Math.log(29);
        assertTrue(d.ce() > 0.5 * uniform && d.ce() < 2 * uniform, "an untrained model is near ln 29: " + d.ce());
        assertTrue(d.cePrior() > 0.5 * uniform && d.cePrior() < 2 * uniform, "CE with the prior's Z: " + d.cePrior());
        assertTrue(d.klPerToken() >= 0 && d.klPerToken() <= 3 * Math.log(2), "KL per position is within H ln 2: " + d.klPerToken());
        assertEquals(65 * d.klPerToken(), d.klPerSequence(), 1e-9);
        assertTrue(d.klBeforeDecision() > 0 && d.klBeforeDecision() < d.klPerSequence(), "KL before the start is part of it");
        assertTrue(Double.isNaN(r.startInformation()) || Double.isFinite(r.startInformation()));
    }

    @Test
    void klBeforeTheStartCountsThePositionsTheDecoderHasSeenByThen() throws Exception {
        // the shipped 1-bit model (per-token hinge) spends kappa at every position, so the KL up to the position
        // that predicts the first letter is kappa x (2 + start), about kappa x 30 on average over starts 0..56
        var m = ftx.engine.ModelHandle.open(java.nio.file.Path.of("../sample-models/synthetic-kappa-1-bit"));
        var d = SyntheticEvaluation.run(m.model(), new SyntheticEvaluation.Settings(1, 2, 256, 1.0, 3)).freshData();
        assertEquals(Math.log(2), d.klPerToken(), 0.03);
        assertEquals(d.klPerToken() * 30, d.klBeforeDecision(), 1.5, "kappa x (2 + mean start)");
    }

    @Test
    void theSeedReproducesTheReportAndAnotherSeedChangesIt() {
        FreeTransformer model = tiny(29, 3);
        SyntheticEvaluationReport a = SyntheticEvaluation.run(model, SMALL);
        SyntheticEvaluationReport b = SyntheticEvaluation.run(model, SMALL);
        assertEquals(a, b);
        SyntheticEvaluationReport c = SyntheticEvaluation.run(model, new SyntheticEvaluation.Settings(4, 3, 8, 1.0, 6));
        assertNotEquals(a.fresh().firstGroup(), c.fresh().firstGroup());
        assertNotEquals(a.freshData().ce(), c.freshData().ce());
    }

    @Test
    void theBaselineHasNoZAndRunsTheFreshModeOnly() {
        SyntheticEvaluationReport r = SyntheticEvaluation.run(tiny(29, 0), SMALL);
        assertEquals(0, r.latentBits());
        assertTrue(!r.hasLatent());
        checkMode(r.fresh(), "fresh");
        assertNull(r.shared());
        assertTrue(r.freshData().ce() > 0);
        assertTrue(Double.isNaN(r.freshData().klPerToken()) && Double.isNaN(r.freshData().cePrior()));
        assertTrue(Double.isNaN(r.startInformation()) && Double.isNaN(r.startAgreementRatio()));
    }

    @Test
    void theCollisionInformationIsTheLogOfTheAgreementRatio() {
        assertEquals(Math.log(57), SyntheticEvaluation.collisionInformation(1.0, 1.0 / 57), 1e-12,
                "Z decides the start: the whole collision entropy of a uniform start");
        assertEquals(0.0, SyntheticEvaluation.collisionInformation(0.02, 0.02), 1e-12, "no dependence: 0");
        assertEquals(Math.log(1.8), SyntheticEvaluation.collisionInformation(0.036, 0.02), 1e-12);
        assertTrue(Double.isNaN(SyntheticEvaluation.collisionInformation(0.0, 0.02)));
        assertTrue(Double.isNaN(SyntheticEvaluation.collisionInformation(0.5, 0.0)));
        assertTrue(Double.isNaN(SyntheticEvaluation.collisionInformation(Double.NaN, 0.02)));
    }

    @Test
    void aModelOfAnotherVocabularyAndBadSettingsAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> SyntheticEvaluation.run(tiny(30, 3), SMALL));
        assertTrue(e.getMessage().contains("synthetic task's vocabulary"), e.getMessage());
        var one = assertThrows(IllegalArgumentException.class, () -> new SyntheticEvaluation.Settings(4, 1, 8, 1, 1));
        assertTrue(one.getMessage().contains("at least 2 samples"), one.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SyntheticEvaluation.Settings(0, 5, 8, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticEvaluation.Settings(4, 5, -1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticEvaluation.Settings(4, 5, 8, -1, 1));
    }
}

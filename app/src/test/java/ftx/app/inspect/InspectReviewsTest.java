package ftx.app.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.ModelHandle;
import ftx.engine.task.ReviewsTask;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Inspect on the bundled reviews model: "Draw task sample" draws a review with its known sentiment. */
class InspectReviewsTest {
    @Test
    void aDrawnReviewIsEncodedWithItsKnownSentiment() throws Exception {
        ModelHandle m = ModelHandle.open(Path.of("../sample-models/reviews-kappa-1-8-bit"));
        InspectViewModel vm = new InspectViewModel(ftx.app.common.TaskRunner.sameThread());
        vm.randomSample(4, m);
        String text = vm.textProperty().get();
        assertEquals(ReviewsTask.SEQUENCE_LENGTH, text.length());
        assertTrue(text.startsWith(">"), text);
        assertTrue(vm.factorsProperty().get().matches("task sample: (good|bad) review .*"), vm.factorsProperty().get());
        InspectResult r = vm.compute(m);
        assertEquals(text.length(), r.codes().size());
        double total = r.klTotal();
        assertTrue(total > 1.0, "a trained 1/8-bit model spends its budget: " + total + " nats");
    }
}

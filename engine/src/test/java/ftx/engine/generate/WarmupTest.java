package ftx.engine.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The app's launch warm-up runs the whole generation path: every round generates its 25 x 64 symbols. */
class WarmupTest {
    @Test
    void generatesEveryRound() {
        assertEquals(Warmup.ROUNDS * 25 * 64, Warmup.run());
    }
}

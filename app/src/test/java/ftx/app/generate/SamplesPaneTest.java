package ftx.app.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The within-group marks: exactly the symbols that differ from the group's first sample. */
class SamplesPaneTest {
    @Test
    void marksTheSymbolsThatDifferFromTheReference() {
        assertArrayEquals(new boolean[] {false, false, true, true, false}, SamplesPane.differences("A>_A!", "A>A_!"));
        assertArrayEquals(new boolean[] {false, false, false, true}, SamplesPane.differences("A>__", "A>_"));
    }
}

package ftx.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Parameters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

/** The two halves cover every element of every tensor once, in order, and are equal in size (W_post dominating or not). */
class TensorHalvesTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 3, 12})
    void halvesCoverEveryElementOnceAndEvenly(int bits) {
        Parameters p = Parameters.zeros(new FreeTransformerConfig(7, 8, 2, 2, 12, bits, 10000.0, 1e-5), DataType.FLOAT);
        List<List<TensorHalves.Piece>> halves = TensorHalves.of(p);
        assertEquals(2, halves.size());
        Map<String, Long> next = new HashMap<>();
        long[] sizes = new long[2];
        for (int h = 0; h < 2; h++) {
            for (TensorHalves.Piece piece : halves.get(h)) {
                assertEquals(next.getOrDefault(piece.name(), 0L), piece.from(), piece.name() + " continues where it stopped");
                assertTrue(piece.length() > 0);
                assertEquals(piece.length(), piece.of(p).length());
                next.put(piece.name(), piece.from() + piece.length());
                sizes[h] += piece.length();
            }
        }
        for (String name : p.names()) {
            assertEquals(p.get(name).length(), next.get(name), name + " is covered to its end");
        }
        assertTrue(Math.abs(sizes[0] - sizes[1]) <= 1, "halves of " + sizes[0] + " and " + sizes[1] + " elements");
    }
}

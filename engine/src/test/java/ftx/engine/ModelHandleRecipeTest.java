package ftx.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A model says how it was trained: what evaluate prints and the Figure 4 panel shows. */
class ModelHandleRecipeTest {
    private static ModelHandle open(String name) throws Exception {
        return ModelHandle.open(Path.of("../sample-models", name));
    }

    @Test
    void eachBundledModelNamesItsRecipe() throws Exception {
        ModelHandle eighth = open("synthetic-kappa-1-8-bit");
        assertFalse(eighth.followsPaper());
        assertEquals("free bits: one for the whole batch; kappa from 1 bit over 1,500 steps; encoder frozen from step 4,000",
                eighth.recipe());
        ModelHandle oneBit = open("synthetic-kappa-1-bit"); // its config.json holds the paper's recipe
        assertTrue(oneBit.followsPaper());
        assertTrue(oneBit.recipe().startsWith("the paper's recipe"), oneBit.recipe());
        assertTrue(open("synthetic-kappa-8-bit").followsPaper(), "written before recipes existed: the paper's");
        ModelHandle baseline = open("synthetic-baseline");
        assertTrue(baseline.followsPaper());
        assertEquals("no Z (the plain decoder)", baseline.recipe());
        assertFalse(open("synthetic-kappa-1-8-bit-sequence-budget").followsPaper());
    }
}

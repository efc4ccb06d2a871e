package ftx.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ftx.app.common.TaskRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-over of latent codes between pages: every request reaches the listeners, equal ones too. */
class AppContextTest {
    @TempDir
    Path tmp;

    @Test
    void everySteerRequestReachesTheListenersEvenTheSameBitTwice() {
        AppContext ctx = new AppContext(tmp, tmp, TaskRunner.sameThread());
        List<AppContext.SteerRequest> seen = new ArrayList<>();
        ctx.steerRequestProperty().addListener((o, was, r) -> seen.add(r));
        ctx.requestBitExplained(3);
        ctx.requestBitExplained(3);
        int[] z = {1, 2, 3};
        ctx.requestPin(z);
        z[0] = 9; // the request keeps its own copy
        assertEquals(3, seen.size(), "a second click on the same bit is a new request");
        assertEquals(3, seen.get(1).bit());
        assertArrayEquals(new int[] {1, 2, 3}, seen.get(2).z());
    }
}

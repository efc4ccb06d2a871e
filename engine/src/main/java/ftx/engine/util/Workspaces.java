package ftx.engine.util;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.MemoryWorkspaceManager;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scopes for temporary arrays: each training step, generation step and mapper chunk runs inside a
 * workspace that learns its size on the first pass and is reused afterwards, because allocating
 * fresh ND4J arrays dominates small steps (docs/PERFORMANCE.md). Arrays that must outlive a scope
 * (weights, gradients, optimizer moments, KV caches) are created outside any scope; results leave
 * a scope as host copies ({@code float[]}, {@code double[]}).
 *
 * <p>A scope learns its size once, and reused for larger work it would spill every larger array
 * to fresh memory on every pass, so {@link #open(String, Object)} takes the shape of the work and
 * re-learns when it changes.
 */
public final class Workspaces {
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.05) // every pass of a scope has the same shape; 0.2 cost 250 MB RSS at H = 16
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .build();

    private static final ThreadLocal<Map<String, Object>> SHAPES = ThreadLocal.withInitial(HashMap::new);

    private Workspaces() {
    }

    /**
     * Opens the named scope for work of the given shape (any value with equals, e.g. a config
     * and batch size); when this thread last used the scope for another shape, the scope is
     * destroyed first so that it learns the new size in its first pass.
     */
    public static MemoryWorkspace open(String id, Object shape) {
        Object last = SHAPES.get().put(id, shape);
        if (last != null && !last.equals(shape)) {
            MemoryWorkspaceManager m = Nd4j.getWorkspaceManager();
            if (m.checkIfWorkspaceExists(id) && !m.checkIfWorkspaceExistsAndActive(id)) {
                m.destroyWorkspace(m.getWorkspaceForCurrentThread(id));
            }
        }
        return open(id);
    }

    /** Opens the named scope on this thread; close it (try-with-resources) to release everything in it. */
    public static MemoryWorkspace open(String id) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, id);
    }

    /** Frees every scope of this thread (a thread that ends calls it, so its memory does not wait for the GC). */
    public static void releaseThread() {
        SHAPES.remove();
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
    }

    /** Runs code with no workspace active, for arrays that must outlive the current scope. */
    public static MemoryWorkspace outside() {
        return Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
    }
}

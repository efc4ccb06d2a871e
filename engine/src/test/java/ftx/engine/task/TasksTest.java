package ftx.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TasksTest {

    @Test
    void syntheticByName() {
        Task task = Tasks.byName("synthetic");
        assertTrue(task instanceof SyntheticTask);
        assertEquals("synthetic", task.name());
        assertTrue(Tasks.names().contains("synthetic"));
    }

    @Test
    void unknownNameListsKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tasks.byName("shakespeare"));
        assertTrue(e.getMessage().contains("\"shakespeare\"") && e.getMessage().contains("synthetic"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tasks.byName(null));
    }
}

package ftx.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The paper's "same place (+-1)" on groups counted by hand, and its chance level against a direct simulation. */
class NearModeTest {
    @Test
    void countsTheStartsWithinOneOfEachGroupsMode() {
        // mode 10: 9, 10, 10, 11 are near, 30 is not -> 4/5; mode 5 (three 5s): 5, 5, 5, 6 near, 8 not -> 4/5;
        // a single start is not a group to measure
        List<List<Integer>> groups = List.of(List.of(9, 10, 30, 10, 11), List.of(5, 8, 5, 6, 5), List.of(40));
        assertEquals(0.8, NearMode.fraction(groups), 1e-12);
        assertEquals(1.0, NearMode.fraction(List.of(List.of(7, 7, 8, 6))), 1e-12);
    }

    @Test
    void aTieGoesToTheStartWithMoreNeighboursThenToTheEarlier() {
        assertEquals(21, NearMode.mode(List.of(3, 20, 21, 22, 40)), "21 has three starts within +-1");
        assertEquals(3, NearMode.mode(List.of(3, 30, 50)), "no start has neighbours: the earliest");
        assertEquals(1.0 / 3, NearMode.fraction(List.of(List.of(3, 30, 50))), 1e-12);
    }

    @Test
    void chanceMatchesRandomGroupsOfUniformStarts() {
        Random r = new Random(3);
        List<List<Integer>> groups = new ArrayList<>();
        for (int g = 0; g < 400; g++) {
            List<Integer> group = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                group.add(r.nextInt(57));
            }
            groups.add(group);
        }
        double direct = NearMode.fraction(groups); // groups that share nothing measure chance themselves
        double dealt = NearMode.chance(groups, 1);
        assertEquals(direct, dealt, 0.02);
        assertTrue(dealt > 0.2 && dealt < 0.35, "five uniform starts over 57: about a quarter near the mode, got " + dealt);
        assertTrue(Double.isNaN(NearMode.chance(List.of(List.of(4)), 1)));
    }
}

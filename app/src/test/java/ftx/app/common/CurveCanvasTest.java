package ftx.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CurveCanvasTest {
    @Test
    void axisLabelsUseThousandsInsteadOfExponents() {
        assertEquals("18k", CurveCanvas.tickLabel(18_000));
        assertEquals("13.5k", CurveCanvas.tickLabel(13_460));
        assertEquals("9.01k", CurveCanvas.tickLabel(9_010));
        assertEquals("1.2M", CurveCanvas.tickLabel(1_200_000));
        assertEquals("0.914", CurveCanvas.tickLabel(0.9141));
        assertEquals("0.00", CurveCanvas.tickLabel(0));
    }
}

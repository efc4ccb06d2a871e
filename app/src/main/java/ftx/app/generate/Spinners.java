package ftx.app.generate;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.util.StringConverter;

/**
 * Editable spinners kept in step with a view-model property both ways; typed text that is not a
 * number keeps the previous value instead of throwing.
 */
final class Spinners {
    private Spinners() {
    }

    static Spinner<Integer> ofInt(IntegerProperty p, int min, int max, int width) {
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max,
                Math.max(min, Math.min(max, p.get())));
        f.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : v.toString();
            }

            @Override
            public Integer fromString(String s) {
                try {
                    return Integer.valueOf(s.trim());
                } catch (NumberFormatException e) {
                    return f.getValue();
                }
            }
        });
        f.valueProperty().addListener((o, was, now) -> p.set(now));
        p.addListener((o, was, now) -> f.setValue(now.intValue()));
        return spinner(f, width);
    }

    static Spinner<Double> ofDouble(DoubleProperty p, double min, double max, double step, int width) {
        SpinnerValueFactory.DoubleSpinnerValueFactory f = new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, p.get(),
                step);
        StringConverter<Double> plain = f.getConverter();
        f.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return plain.toString(v);
            }

            @Override
            public Double fromString(String s) {
                try {
                    return Double.valueOf(s.trim());
                } catch (NumberFormatException e) {
                    return f.getValue();
                }
            }
        });
        f.valueProperty().addListener((o, was, now) -> p.set(now));
        p.addListener((o, was, now) -> f.setValue(now.doubleValue()));
        return spinner(f, width);
    }

    private static <T> Spinner<T> spinner(SpinnerValueFactory<T> f, int width) {
        Spinner<T> s = new Spinner<>(f);
        s.setEditable(true);
        s.setPrefWidth(width);
        s.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                s.commitValue(); // typed text counts when focus leaves
            }
        });
        return s;
    }
}

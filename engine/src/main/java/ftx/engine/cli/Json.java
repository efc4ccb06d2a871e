package ftx.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;

/** The CLI's JSON output: one indented document per command on standard output. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** One JSON object on one line (JSON Lines), for a stream of events. */
    static void line(PrintStream out, Object value) throws Exception {
        String text = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }

    static void print(PrintStream out, Object value) throws Exception {
        out.println(MAPPER.writeValueAsString(value));
        out.flush();
    }
}

package ftx.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;

/** The CLI's JSON output: one indented document per command on standard output. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static void print(PrintStream out, Object value) throws Exception {
        out.println(MAPPER.writeValueAsString(value));
        out.flush();
    }
}

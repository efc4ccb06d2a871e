package ftx.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A landed row as it stands in {@code results.json}. */
final class RowJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RowJson() {
    }

    static ObjectNode of(SweepRow row, RowResult r, String checkpoint, String runner) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", row.name());
        o.put("status", r.failed() ? "failed" : "done");
        o.put("message", r.message());
        ObjectNode options = o.putObject("options");
        row.options().asMap().forEach(options::put);
        ObjectNode varied = o.putObject("varied");
        row.varied().forEach(varied::put);
        o.put("latentBits", row.options().latentBits());
        if (row.options().latentBits() > 0) {
            o.put("kappaBits", row.options().kappaBits());
        } else {
            o.putNull("kappaBits");
        }
        o.put("steps", r.steps());
        o.put("trainSeconds", r.trainSeconds());
        if (r.weightsHash() != null) {
            o.put("weightsHash", r.weightsHash());
        }
        if (checkpoint != null) {
            o.put("checkpoint", checkpoint);
        } else {
            o.putNull("checkpoint");
        }
        o.put("runner", runner);
        o.put("where", r.where());
        if (r.decisiveStep() >= 0) {
            o.put("firstStepAt3xChance", r.decisiveStep());
        }
        if (r.evaluationJson() != null) {
            o.set("evaluation", parse(r.evaluationJson()));
        }
        o.set("probes", parse(r.probesJson()));
        return o;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.idnode.node.upstream;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.idnode.protocol.json.JsonOutput;
import org.idnode.protocol.json.ValueJsonWriter;
import org.idnode.protocol.stream.StreamRecordCodec;

/**
 * The body of one upstream report (node/README.md, "Upstream sync"): the changes in topic order,
 * each named by (nodeId, sequence), the values in the REST JSON shape of the reference server:
 * <pre>
 * {"changes":[{"nodeId":"node-a","sequence":12,"operation":"PUT","handle":"88.118.8/PUMP-1",
 *   "timeMillis":1764800000000,"identity":"300:0.NA/88.118.8","values":[{"index":1,"type":"URL",...}]}]}
 * </pre>
 */
final class UpstreamJson {
    private UpstreamJson() {
    }

    static byte[] encode(List<StreamRecordCodec.StreamRecord> changes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * changes.size() + 16);
        try (JsonGenerator g = JsonOutput.generator(out, false)) {
            g.writeStartObject();
            g.writeArrayFieldStart("changes");
            for (StreamRecordCodec.StreamRecord r : changes) {
                g.writeStartObject();
                g.writeStringField("nodeId", r.nodeId());
                g.writeNumberField("sequence", r.sequence());
                g.writeStringField("operation", r.event().operation().name());
                g.writeStringField("handle", r.event().handle());
                g.writeNumberField("timeMillis", r.event().timeMillis());
                g.writeStringField("identity", r.event().identity());
                g.writeFieldName("values");
                ValueJsonWriter.writeValues(g, r.event().values());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

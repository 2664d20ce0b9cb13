package org.idnode.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.SiteInfo;

/**
 * Response bodies of the JSON REST API (§18), byte for byte as the reference servlet prints them:
 * compact unless {@code pretty}, no trailing newline.
 *
 * <p>Member order follows the reference serializer: it writes {@code responseCode}, then what the
 * response itself carries ({@code message}, {@code values}, {@code referralHandle}, {@code site}),
 * and only then appends the request's {@code "handle"} when the response did not carry one. So an
 * error reads {@code {"responseCode":100,"message":"...","handle":"..."}} while a resolution reads
 * {@code {"responseCode":1,"handle":"...","values":[...]}}. A null or empty handle is left out.
 *
 * <p>The {@code write*} methods leave {@code out} open.
 */
public final class RestResponses {
    private RestResponses() {
    }

    /** RC 1 to a resolution (OC 1). */
    public static void writeResolution(OutputStream out, String handle, List<HandleValue> values, boolean pretty)
            throws IOException {
        try (JsonGenerator g = JsonOutput.generator(out, pretty)) {
            g.writeStartObject();
            g.writeNumberField("responseCode", ResponseCodes.SUCCESS);
            g.writeStringField("handle", handle);
            g.writeFieldName("values");
            ValueJsonWriter.writeValues(g, values);
            g.writeEndObject();
        }
    }

    /** RC 200 to a resolution: the reference adds an empty {@code "values"} for this case only. */
    public static void writeValuesNotFound(OutputStream out, String handle, String message, boolean pretty)
            throws IOException {
        try (JsonGenerator g = JsonOutput.generator(out, pretty)) {
            g.writeStartObject();
            g.writeNumberField("responseCode", ResponseCodes.VALUES_NOT_FOUND);
            message(g, message);
            g.writeArrayFieldStart("values");
            g.writeEndArray();
            handle(g, handle);
            g.writeEndObject();
        }
    }

    /**
     * Any answer whose body is just a code, an optional message and the handle: errors, and also
     * plain successes such as RC 1 to a delete.
     */
    public static void writeError(OutputStream out, int responseCode, String handle, String message, boolean pretty)
            throws IOException {
        try (JsonGenerator g = JsonOutput.generator(out, pretty)) {
            g.writeStartObject();
            g.writeNumberField("responseCode", responseCode);
            message(g, message);
            handle(g, handle);
            g.writeEndObject();
        }
    }

    /** RC 302/303 (§8.6): {@code referralHandle} when non-empty, {@code values} when present and non-empty. */
    public static void writeReferral(OutputStream out, int responseCode, String handle, String referralHandle,
                                     List<HandleValue> values, boolean pretty) throws IOException {
        try (JsonGenerator g = JsonOutput.generator(out, pretty)) {
            g.writeStartObject();
            g.writeNumberField("responseCode", responseCode);
            if (referralHandle != null && !referralHandle.isEmpty()) {
                g.writeStringField("referralHandle", referralHandle);
            }
            if (values != null && !values.isEmpty()) {
                g.writeFieldName("values");
                ValueJsonWriter.writeValues(g, values);
            }
            handle(g, handle);
            g.writeEndObject();
        }
    }

    /** RC 1 to GET /api/site (OC 2): {@code {"responseCode":1,"site":{...}}}. */
    public static void writeSite(OutputStream out, SiteInfo site, boolean pretty) throws IOException {
        try (JsonGenerator g = JsonOutput.generator(out, pretty)) {
            g.writeStartObject();
            g.writeNumberField("responseCode", ResponseCodes.SUCCESS);
            g.writeFieldName("site");
            SiteJson.write(g, site);
            g.writeEndObject();
        }
    }

    /**
     * RC 1 to {@code GET /api/handles?prefix=} (OC 105): {@code {"responseCode":1,"prefix":P,
     * "totalCount":"N","handles":[...]}}; [CNRI] totalCount is a string.
     */
    public static void writeHandleList(OutputStream out, String prefix, long totalCount, List<String> handles,
                                       boolean pretty) throws IOException {
        try (JsonGenerator g = JsonOutput.generator(out, pretty)) {
            g.writeStartObject();
            g.writeNumberField("responseCode", ResponseCodes.SUCCESS);
            g.writeStringField("prefix", prefix);
            g.writeStringField("totalCount", Long.toString(totalCount));
            g.writeArrayFieldStart("handles");
            for (String h : handles) {
                g.writeString(h);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** RC 1 to {@code GET /api/prefixes} (OC 302): {@code {"responseCode":1,"prefixes":[...]}}. */
    public static void writePrefixList(OutputStream out, List<String> prefixes, boolean pretty) throws IOException {
        try (JsonGenerator g = JsonOutput.generator(out, pretty)) {
            g.writeStartObject();
            g.writeNumberField("responseCode", ResponseCodes.SUCCESS);
            g.writeArrayFieldStart("prefixes");
            for (String p : prefixes) {
                g.writeString(p);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** One operation's result in a batch answer: the handle, its response code, and a message if any. */
    public record BatchResult(String handle, int responseCode, String message) {
    }

    /** A batch answer (node/README.md): {@code {"responseCode":1,"results":[{"handle","responseCode","message"}...]}}. */
    public static void writeBatch(OutputStream out, List<BatchResult> results, boolean pretty) throws IOException {
        try (JsonGenerator g = JsonOutput.generator(out, pretty)) {
            g.writeStartObject();
            g.writeNumberField("responseCode", ResponseCodes.SUCCESS);
            g.writeArrayFieldStart("results");
            for (BatchResult r : results) {
                g.writeStartObject();
                handle(g, r.handle());
                g.writeNumberField("responseCode", r.responseCode());
                message(g, r.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    public static byte[] handleList(String prefix, long totalCount, List<String> handles, boolean pretty) {
        return bytes(out -> writeHandleList(out, prefix, totalCount, handles, pretty));
    }

    public static byte[] prefixList(List<String> prefixes, boolean pretty) {
        return bytes(out -> writePrefixList(out, prefixes, pretty));
    }

    public static byte[] batch(List<BatchResult> results, boolean pretty) {
        return bytes(out -> writeBatch(out, results, pretty));
    }

    public static byte[] resolution(String handle, List<HandleValue> values, boolean pretty) {
        return bytes(out -> writeResolution(out, handle, values, pretty));
    }

    public static byte[] valuesNotFound(String handle, String message, boolean pretty) {
        return bytes(out -> writeValuesNotFound(out, handle, message, pretty));
    }

    public static byte[] error(int responseCode, String handle, String message, boolean pretty) {
        return bytes(out -> writeError(out, responseCode, handle, message, pretty));
    }

    public static byte[] referral(int responseCode, String handle, String referralHandle, List<HandleValue> values,
                                  boolean pretty) {
        return bytes(out -> writeReferral(out, responseCode, handle, referralHandle, values, pretty));
    }

    public static byte[] site(SiteInfo site, boolean pretty) {
        return bytes(out -> writeSite(out, site, pretty));
    }

    private static void message(JsonGenerator g, String message) throws IOException {
        if (message != null && !message.isEmpty()) {
            g.writeStringField("message", message);
        }
    }

    private static void handle(JsonGenerator g, String handle) throws IOException {
        if (handle != null && !handle.isEmpty()) {
            g.writeStringField("handle", handle);
        }
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static byte[] bytes(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }
}

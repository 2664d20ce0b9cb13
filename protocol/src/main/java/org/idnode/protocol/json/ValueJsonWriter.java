package org.idnode.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.idnode.protocol.codec.ValueListCodec;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.PublicKeyData;
import org.idnode.protocol.model.SiteInfo;
import org.idnode.protocol.model.ValueList;
import org.idnode.protocol.model.ValueReference;
import org.idnode.protocol.model.ValueTypes;

/**
 * Handle values as the reference REST API prints them (§18), streamed straight into a generator:
 * {@code {"index","type","data","permissions"?,"ttl","timestamp"?,"references"?}} in that order.
 *
 * <p>The data format follows the type (HS_ADMIN → admin, HS_VLIST → vlist, HS_SITE / HS_SITE.PREFIX /
 * HS_NA_DELEGATE → site, HS_PUBKEY → key), falling back to string or base64. Unlike the reference,
 * a structured format is only used when it reads back to the same octets (see each tryDecode), so
 * odd records (permission bits above 0x0FFF, unknown site flags, non-minimal key integers) come out
 * as base64 instead of losing octets; ordinary records print exactly as the reference prints them.
 */
public final class ValueJsonWriter {
    /** Second-resolution ISO-8601 in UTC, e.g. 2023-11-14T22:13:20Z (the reference's ISO8601_NO_MS). */
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private ValueJsonWriter() {
    }

    /** A JSON array of values. */
    public static void writeValues(JsonGenerator g, List<HandleValue> values) throws IOException {
        g.writeStartArray();
        for (HandleValue v : values) {
            writeValue(g, v);
        }
        g.writeEndArray();
    }

    public static void writeValue(JsonGenerator g, HandleValue v) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", v.index());
        g.writeStringField("type", v.type());
        g.writeFieldName("data");
        writeData(g, v.type(), v.data());
        // §5/§18: 4 bits admin read, admin write, public read, public write; only printed when not 1110.
        int perms = v.permissions() & 0x0F;
        if (perms != HandleValue.DEFAULT_PERMISSIONS) {
            g.writeStringField("permissions", Integer.toBinaryString(0x10 | perms).substring(1));
        }
        if (v.ttlType() == HandleValue.TTL_RELATIVE) {
            g.writeNumberField("ttl", v.ttl());
        } else {
            g.writeStringField("ttl", iso(v.ttl()));
        }
        if (v.timestamp() != 0) {
            g.writeStringField("timestamp", iso(v.timestamp()));
        }
        if (!v.references().isEmpty()) {
            g.writeFieldName("references");
            writeReferences(g, v.references());
        }
        g.writeEndObject();
    }

    /** {@code {"handle":...,"values":[...]}}: the line format of {@code idnode import} (and an export). */
    public static void writeRecord(JsonGenerator g, String handle, List<HandleValue> values) throws IOException {
        g.writeStartObject();
        g.writeStringField("handle", handle);
        g.writeFieldName("values");
        writeValues(g, values);
        g.writeEndObject();
    }

    /** One value as compact JSON text. */
    public static String toJson(HandleValue v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JsonOutput.generator(out, false)) {
            writeValue(g, v);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The {@code {"format","value"}} object for data of the given type. */
    public static void writeData(JsonGenerator g, String type, byte[] data) throws IOException {
        if (type.equalsIgnoreCase(ValueTypes.HS_ADMIN)) {
            AdminJson.Admin admin = AdminJson.tryDecode(data);
            if (admin != null) {
                startData(g, "admin");
                AdminJson.write(g, admin);
                g.writeEndObject();
                return;
            }
        } else if (type.equalsIgnoreCase(ValueTypes.HS_VLIST)) {
            ValueList list = tryDecodeList(data);
            if (list != null) {
                startData(g, "vlist");
                writeReferences(g, list.members());
                g.writeEndObject();
                return;
            }
        } else if (type.equalsIgnoreCase(ValueTypes.HS_SITE) || type.equalsIgnoreCase(ValueTypes.HS_SITE_PREFIX)
                || type.equalsIgnoreCase(ValueTypes.HS_NA_DELEGATE)) {
            SiteInfo site = SiteJson.tryDecode(data);
            if (site != null) {
                startData(g, "site");
                SiteJson.write(g, site);
                g.writeEndObject();
                return;
            }
        } else if (type.equalsIgnoreCase(ValueTypes.HS_PUBKEY)) {
            PublicKeyData key = KeyJson.tryDecode(data);
            if (key != null) {
                startData(g, "key");
                KeyJson.write(g, key);
                g.writeEndObject();
                return;
            }
        }
        String text = Octets.asText(data);
        startData(g, text != null ? "string" : "base64");
        if (text != null) {
            g.writeString(text);
        } else {
            g.writeBinary(data); // standard alphabet with padding, no line breaks
        }
        g.writeEndObject();
    }

    /** A server's public key inside site JSON: key if usable, else base64 (never string, §18). */
    static void writeKeyOrBase64(JsonGenerator g, byte[] data) throws IOException {
        PublicKeyData key = KeyJson.tryDecode(data);
        startData(g, key != null ? "key" : "base64");
        if (key != null) {
            KeyJson.write(g, key);
        } else {
            g.writeBinary(data);
        }
        g.writeEndObject();
    }

    private static void startData(JsonGenerator g, String format) throws IOException {
        g.writeStartObject();
        g.writeStringField("format", format);
        g.writeFieldName("value");
    }

    private static void writeReferences(JsonGenerator g, List<ValueReference> refs) throws IOException {
        g.writeStartArray();
        for (ValueReference r : refs) {
            g.writeStartObject();
            g.writeStringField("handle", r.handle());
            g.writeNumberField("index", r.index());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static ValueList tryDecodeList(byte[] data) {
        try {
            return ValueListCodec.decode(data);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Seconds since 1970 in a signed int4, as the reference reads them ({@code 1000L * seconds}). */
    static String iso(int seconds) {
        return ISO.format(Instant.ofEpochSecond(seconds));
    }
}

package org.idnode.node.importer;

import static org.idnode.node.importer.JsonFields.data;
import static org.idnode.node.importer.JsonFields.epochSeconds;
import static org.idnode.node.importer.JsonFields.firstLine;
import static org.idnode.node.importer.JsonFields.integer;
import static org.idnode.node.importer.JsonFields.isDecimal;
import static org.idnode.node.importer.JsonFields.once;
import static org.idnode.node.importer.JsonFields.path;
import static org.idnode.node.importer.JsonFields.permissions;
import static org.idnode.node.importer.JsonFields.references;
import static org.idnode.node.importer.JsonFields.shown;
import static org.idnode.node.importer.JsonFields.text;
import static org.idnode.node.importer.JsonFields.where;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.ValueReference;

/**
 * The import's JSON line reader. Lines in the plain form most files use go through
 * {@link PlainRecordParser}; all others, and every bad line, through Jackson's streaming parser (no
 * tree per line: a bulk import reads millions of lines). It reads the value shape of §18
 * ({@code index}, {@code type}, {@code data}, {@code ttl}, {@code permissions}, {@code timestamp},
 * {@code references}) with {@code data} either a bare string or {@code {"format","value"}} in the
 * {@code string}, {@code base64} or {@code hex} format. Members it does not know are skipped, so REST
 * resolution responses import as they are.
 *
 * <p>The structured formats ({@code admin}, {@code vlist}, {@code site}, {@code key}) are the protocol
 * JSON package's business: a line using one goes to {@code structured} when one is given, else it
 * is refused with a hint to give that data as hex or base64.
 */
public final class JsonRecordParser implements RecordLineParser {
    /** Longest line read: a record is bounded by one message (§3), this leaves room for base64/hex and escapes. */
    public static final int MAX_LINE = 8 * 1024 * 1024;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxNumberLength(32)
                    .maxStringLength(MAX_LINE).maxNameLength(1024).maxDocumentLength(MAX_LINE).build())
            // Duplicate members are detected by hand, for the members we read: Jackson's detector keeps a
            // HashSet per object, which cost a tenth of the import's time.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private final RecordLineParser structured;
    private final boolean plainFirst;

    /** @param structured reads lines whose data uses another §18 format; null = refuse such lines */
    public JsonRecordParser(RecordLineParser structured) {
        this(structured, true);
    }

    public JsonRecordParser() {
        this(null, true);
    }

    /** @param plainFirst try {@link PlainRecordParser} first (tests compare both paths) */
    JsonRecordParser(RecordLineParser structured, boolean plainFirst) {
        this.structured = structured;
        this.plainFirst = plainFirst;
    }

    @Override
    public ParsedRecord parse(byte[] buf, int off, int len, int importTime) throws LineError {
        if (plainFirst) {
            ParsedRecord plain = PlainRecordParser.parse(buf, off, len, importTime);
            if (plain != null) {
                return plain;
            }
        }
        Utf8.check(buf, off, len);
        try (JsonParser p = FACTORY.createParser(buf, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw LineError.invalid("record", shown(p), "a JSON object {\"handle\":...,\"values\":[...]}");
            }
            String handle = null;
            List<HandleValue> values = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("handle")) {
                    once(handle != null, "handle");
                    handle = text(p, t, "handle", "a handle string");
                } else if (name.equals("values")) {
                    once(values != null, "values");
                    values = values(p, t, importTime);
                    if (values == null) {
                        return structured.parse(buf, off, len, importTime);
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw LineError.invalid("record", "more JSON after the object", "one record per line");
            }
            if (handle == null) {
                throw LineError.invalid("handle", "missing", "a handle string");
            }
            if (values == null) {
                throw LineError.invalid("values", "missing", "an array of values");
            }
            RecordRules.checkHandle(handle);
            RecordRules.checkValues(values);
            return new ParsedRecord(handle, values);
        } catch (JsonEOFException e) {
            throw new LineError("truncated JSON: the line ends inside " + where(e));
        } catch (JsonProcessingException e) {
            throw new LineError("malformed JSON at column " + e.getLocation().getColumnNr() + ": " + firstLine(e));
        } catch (IOException e) {
            throw new LineError("unreadable JSON: " + e.getMessage());
        }
    }

    /** The values, or null when one uses a structured format and there is a parser for those. */
    private List<HandleValue> values(JsonParser p, JsonToken t, int importTime) throws IOException, LineError {
        if (t != JsonToken.START_ARRAY) {
            throw LineError.invalid("values", shown(p), "an array of values");
        }
        List<HandleValue> out = new ArrayList<>(4);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (out.size() >= RecordRules.MAX_VALUES) {
                throw LineError.invalid("values", "more than " + RecordRules.MAX_VALUES, "at most " + RecordRules.MAX_VALUES + " values");
            }
            HandleValue v = value(p, out.size(), importTime);
            if (v == null) {
                return null;
            }
            out.add(v);
        }
        return out;
    }

    private HandleValue value(JsonParser p, int i, int importTime) throws IOException, LineError {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw LineError.invalid(path(i, ""), shown(p), "a value object {\"index\":...,\"type\":...,\"data\":...}");
        }
        long index = 0;
        boolean hasIndex = false;
        String type = null;
        byte[] data = null;
        int ttlType = HandleValue.TTL_RELATIVE;
        int ttl = HandleValue.DEFAULT_TTL;
        int permissions = HandleValue.DEFAULT_PERMISSIONS;
        long timestamp = 0;
        List<ValueReference> refs = List.of();
        int seen = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            int bit = switch (name) {
                case "index" -> 1;
                case "type" -> 2;
                case "data" -> 4;
                case "ttl" -> 8;
                case "permissions" -> 16;
                case "timestamp" -> 32;
                case "references" -> 64;
                default -> 0;
            };
            if ((seen & bit) != 0) {
                throw LineError.invalid(path(i, name), "given twice", "each member once");
            }
            seen |= bit;
            switch (bit) {
                case 1 -> {
                    index = integer(p, t, i, "index");
                    hasIndex = true;
                }
                case 2 -> type = text(p, t, i, "type", "a type name such as URL");
                case 4 -> {
                    data = data(p, t, i, structured != null);
                    if (data == null) {
                        return null;
                    }
                }
                case 8 -> {
                    if (t == JsonToken.VALUE_STRING && !isDecimal(p.getText())) {
                        ttlType = HandleValue.TTL_ABSOLUTE;
                        ttl = (int) epochSeconds(p.getText(), path(i, "ttl"));
                    } else {
                        long v = integer(p, t, i, "ttl");
                        if (v < 0 || v > Integer.MAX_VALUE) {
                            throw LineError.invalid(path(i, "ttl"), String.valueOf(v), "seconds 0.." + Integer.MAX_VALUE
                                    + " or an ISO-8601 instant");
                        }
                        ttl = (int) v;
                    }
                }
                case 16 -> permissions = permissions(p, t, path(i, "permissions"));
                case 32 -> timestamp = t == JsonToken.VALUE_STRING && !isDecimal(p.getText())
                        ? epochSeconds(p.getText(), path(i, "timestamp")) : integer(p, t, i, "timestamp");
                case 64 -> refs = references(p, t, i);
                default -> p.skipChildren();
            }
        }
        if (!hasIndex) {
            throw LineError.invalid(path(i, "index"), "missing", "an index 1.." + Integer.MAX_VALUE);
        }
        if (index <= 0 || index > Integer.MAX_VALUE) {
            RecordRules.checkIndex(index, path(i, "index"));
        }
        if (type == null) {
            throw LineError.invalid(path(i, "type"), "missing", "a type name such as URL");
        }
        if (type.isEmpty() || type.length() > RecordRules.MAX_TYPE_OCTETS / 3) {
            RecordRules.checkType(type, path(i, "type"));
        }
        if (data == null) {
            throw LineError.invalid(path(i, "data"), "missing", "{\"format\":\"string\",\"value\":...} or a string");
        }
        if (timestamp < 0 || timestamp > Integer.MAX_VALUE) {
            throw LineError.invalid(path(i, "timestamp"), String.valueOf(timestamp), "epoch seconds 0.." + Integer.MAX_VALUE);
        }
        // §5: the server sets timestamps; an import keeps a given one (a migration) and stamps the rest.
        int ts = timestamp == 0 ? importTime : (int) timestamp;
        return new HandleValue((int) index, ts, ttlType, ttl, permissions, type, data, refs);
    }
}

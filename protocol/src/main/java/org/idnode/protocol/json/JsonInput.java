package org.idnode.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ResponseCodes;

/**
 * JSON text → tree, under hard bounds. Every failure becomes an {@link InvalidJsonException}
 * (RC_PROTOCOL_ERROR) naming where it happened; no Jackson exception escapes.
 */
final class JsonInput {
    /**
     * A whole document. A record is bounded by the 262,144-octet message that has to carry it (§3);
     * this leaves room for hex/base64 inflation and pretty-printed import files.
     */
    static final int MAX_DOCUMENT = 8 * 1024 * 1024;
    /** One string: 1 MiB of data (§1 MAX_ARRAY_SIZE) as hex is 2 MiB characters. */
    static final int MAX_STRING = 2 * Limits.MAX_ARRAY_SIZE + 16;

    private static final ObjectReader READER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxNumberLength(32)
                    .maxStringLength(MAX_STRING).maxNameLength(1024).maxDocumentLength(MAX_DOCUMENT).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build())
            .reader();

    private JsonInput() {
    }

    private interface Source {
        JsonParser open() throws IOException;
    }

    static JsonNode parse(byte[] json) {
        checkLength(json.length);
        return readInMemory(() -> READER.createParser(json));
    }

    static JsonNode parse(String json) {
        checkLength(json.length());
        return readInMemory(() -> READER.createParser(json));
    }

    /** One document from a stream, left open; failures of the stream itself are thrown as they are. */
    static JsonNode parse(InputStream json) throws IOException {
        return read(() -> READER.createParser(json));
    }

    /** The bound checked up front when the size is known (a stream trips Jackson's limit instead). */
    private static void checkLength(int length) {
        if (length > MAX_DOCUMENT) {
            throw new InvalidJsonException(ResponseCodes.PROTOCOL_ERROR, "",
                    length + " characters of JSON (expected: at most " + MAX_DOCUMENT + ")");
        }
    }

    /** In memory, any IOException left is about the text itself (e.g. an unknown encoding). */
    private static JsonNode readInMemory(Source source) {
        try {
            return read(source);
        } catch (IOException e) {
            throw new InvalidJsonException(ResponseCodes.PROTOCOL_ERROR, "", "unreadable JSON text: " + e.getMessage());
        }
    }

    /**
     * One JSON document and nothing after it. Parsing through our own parser (not readTree(byte[]))
     * keeps it at hand when a limit trips, so even those errors can name the field.
     */
    private static JsonNode read(Source source) throws IOException {
        JsonParser p = null;
        try {
            p = source.open();
            JsonNode n = READER.readTree(p);
            if (n == null || n.isMissingNode()) {
                throw new InvalidJsonException(ResponseCodes.PROTOCOL_ERROR, "",
                        "empty input (expected: a JSON document)");
            }
            if (p.nextToken() != null) {
                throw new InvalidJsonException(ResponseCodes.PROTOCOL_ERROR, "",
                        "content after the JSON document" + where(p.currentTokenLocation()));
            }
            return n;
        } catch (JsonProcessingException e) {
            throw syntax(e, p);
        } catch (CharConversionException e) {
            throw new InvalidJsonException(ResponseCodes.PROTOCOL_ERROR, "", "not UTF-8 JSON: " + e.getMessage());
        } finally {
            if (p != null) {
                p.close();
            }
        }
    }

    private static InvalidJsonException syntax(JsonProcessingException e, JsonParser p) {
        String path = p == null ? "" : path(p.getParsingContext());
        JsonLocation loc = e.getLocation() != null ? e.getLocation() : p == null ? null : p.currentLocation();
        String kind = e instanceof JsonEOFException ? "truncated JSON"
                : e instanceof StreamConstraintsException ? "JSON over a size limit" : "malformed JSON";
        String why = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
        return new InvalidJsonException(ResponseCodes.PROTOCOL_ERROR, path,
                kind + where(loc) + ": " + JsonTree.clip(why, 200));
    }

    private static String where(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 0 ? ""
                : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    /** The parser's position as a field path, e.g. values[2].data. */
    private static String path(JsonStreamContext c) {
        if (c == null || c.inRoot()) {
            return "";
        }
        String parent = path(c.getParent());
        if (c.inArray()) {
            return JsonTree.index(parent, Math.max(0, c.getCurrentIndex()));
        }
        return c.getCurrentName() == null ? parent : JsonTree.child(parent, c.getCurrentName());
    }
}

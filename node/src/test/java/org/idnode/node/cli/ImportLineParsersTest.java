package org.idnode.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.idnode.node.importer.JsonRecordParser;
import org.idnode.node.importer.LineError;
import org.idnode.node.importer.ParsedRecord;
import org.idnode.node.importer.ProtocolJsonRecordParser;
import org.idnode.protocol.model.HandleValue;
import org.junit.jupiter.api.Test;

/**
 * The import's own JSON line reader (a fast path for plain lines, a streaming path for the rest)
 * against the protocol module's tree-based reader, used here as the reference: on thousands of
 * random records written in many styles, both must read the same record.
 */
class ImportLineParsersTest {
    static final int NOW = 1_700_000_000;
    static final JsonFactory JSON = new JsonFactory();
    final JsonRecordParser ours = new JsonRecordParser(new ProtocolJsonRecordParser());
    final ProtocolJsonRecordParser reference = new ProtocolJsonRecordParser();

    record Value(int index, String type, byte[] data, Integer ttl, String permissions) {
    }

    @Test
    void readsTheSameRecordsAsTheProtocolReaderInEveryStyle() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 3000; i++) {
            String handle = "88.118." + random.nextInt(100) + "/" + text(random, 1 + random.nextInt(30), false);
            List<Value> values = new ArrayList<>();
            int n = 1 + random.nextInt(4);
            for (int k = 0; k < n; k++) {
                values.add(new Value(k * 3 + 1 + random.nextInt(3), random.nextBoolean() ? "URL" : text(random, 1 + random.nextInt(8), false),
                        random.nextInt(5) == 0 ? bytes(random) : text(random, random.nextInt(40), true).getBytes(StandardCharsets.UTF_8),
                        random.nextBoolean() ? null : random.nextInt(1_000_000),
                        random.nextBoolean() ? null : Integer.toBinaryString(16 | random.nextInt(16)).substring(1)));
            }
            byte[] line = write(handle, values, random);
            String shown = new String(line, StandardCharsets.UTF_8);
            ParsedRecord expected = reference.parse(line, 0, line.length, NOW);
            ParsedRecord actual = ours.parse(line, 0, line.length, NOW);
            assertEquals(expected.handle(), actual.handle(), shown);
            assertEquals(expected.values(), actual.values(), shown);
        }
    }

    @Test
    void refusesWhatTheReferenceRefuses() {
        String[] bad = {
            "{\"handle\":\"88.1/a\",\"values\":[{\"index\":1,\"type\":\"URL\",\"data\":\"x\"},{\"index\":1,\"type\":\"URL\",\"data\":\"y\"}]}",
            "{\"handle\":\"88.1/a\",\"values\":[{\"index\":0,\"type\":\"URL\",\"data\":\"x\"}]}",
            "{\"handle\":\"88.1/a\",\"values\":[{\"index\":01,\"type\":\"URL\",\"data\":\"x\"}]}",
            "{\"handle\":\"88.1/a\",\"values\":[{\"index\":1,\"type\":\"URL\",\"data\":\"x\"}]",
            "{\"handle\":\"88.1/a\",\"handle\":\"88.1/b\",\"values\":[{\"index\":1,\"type\":\"URL\",\"data\":\"x\"}]}",
            "{\"handle\":\"88.1/a\",\"values\":[{\"index\":1,\"index\":2,\"type\":\"URL\",\"data\":\"x\"}]}",
            "{\"handle\":\"88.1/a\",\"values\":[{\"index\":1,\"type\":\"URL\",\"data\":\"x\\u0001\tz\"}]}",
            "{\"handle\":\"\",\"values\":[{\"index\":1,\"type\":\"URL\",\"data\":\"x\"}]}",
            "[{\"index\":1,\"type\":\"URL\",\"data\":\"x\"}]",
        };
        for (String s : bad) {
            byte[] line = s.getBytes(StandardCharsets.UTF_8);
            assertThrows(LineError.class, () -> ours.parse(line, 0, line.length, NOW), s);
            assertThrows(LineError.class, () -> reference.parse(line, 0, line.length, NOW), s);
        }
    }

    /** One record as JSON, in a style picked at random: member order, spacing, escapes, extra members, data form. */
    private static byte[] write(String handle, List<Value> values, Random random) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean spaced = random.nextInt(4) == 0;
        try (JsonGenerator g = JSON.createGenerator(out)) {
            if (spaced) {
                g.setPrettyPrinter(new com.fasterxml.jackson.core.util.MinimalPrettyPrinter() {
                    @Override
                    public void writeObjectFieldValueSeparator(JsonGenerator jg) throws IOException {
                        jg.writeRaw(": ");
                    }

                    @Override
                    public void writeObjectEntrySeparator(JsonGenerator jg) throws IOException {
                        jg.writeRaw(", ");
                    }
                });
            }
            if (random.nextInt(5) == 0) {
                g.enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);
            }
            g.writeStartObject();
            boolean valuesFirst = random.nextBoolean();
            if (!valuesFirst) {
                g.writeStringField("handle", handle);
            }
            if (random.nextInt(6) == 0) {
                g.writeNumberField("responseCode", 1);
            }
            g.writeArrayFieldStart("values");
            for (Value v : values) {
                g.writeStartObject();
                List<Runnable> members = new ArrayList<>();
                members.add(() -> field(g, "index", v.index()));
                members.add(() -> field(g, "type", v.type()));
                members.add(() -> data(g, v.data(), random));
                if (v.ttl() != null) {
                    members.add(() -> field(g, "ttl", v.ttl()));
                }
                if (v.permissions() != null) {
                    members.add(() -> field(g, "permissions", v.permissions()));
                }
                if (random.nextInt(8) == 0) {
                    members.add(() -> field(g, "note", "ignored"));
                }
                java.util.Collections.shuffle(members, random);
                members.forEach(Runnable::run);
                g.writeEndObject();
            }
            g.writeEndArray();
            if (valuesFirst) {
                g.writeStringField("handle", handle);
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void data(JsonGenerator g, byte[] data, Random random) {
        try {
            g.writeFieldName("data");
            boolean text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(data)) != null;
            int form = random.nextInt(4);
            if (text && form == 0) {
                g.writeString(new String(data, StandardCharsets.UTF_8));
                return;
            }
            g.writeStartObject();
            if (text && form == 1) {
                g.writeStringField("format", "string");
                g.writeStringField("value", new String(data, StandardCharsets.UTF_8));
            } else if (form == 2) {
                g.writeStringField("value", HexFormat.of().formatHex(data));
                g.writeStringField("format", "hex");
            } else {
                g.writeStringField("format", "base64");
                g.writeStringField("value", Base64.getEncoder().encodeToString(data));
            }
            g.writeEndObject();
        } catch (java.nio.charset.CharacterCodingException e) {
            try {
                g.writeStartObject();
                g.writeStringField("format", "base64");
                g.writeStringField("value", Base64.getEncoder().encodeToString(data));
                g.writeEndObject();
            } catch (IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void field(JsonGenerator g, String name, Object v) {
        try {
            if (v instanceof Integer i) {
                g.writeNumberField(name, i);
            } else {
                g.writeStringField(name, (String) v);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Printable ASCII, some characters JSON escapes, and (when {@code anything}) CJK and emoji. */
    private static String text(Random r, int n, boolean anything) {
        String pool = "abcXYZ019-_.:~ \"\\/";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(anything ? 12 : 10);
            if (k < 9) {
                sb.append(pool.charAt(r.nextInt(pool.length())));
            } else if (k == 9) {
                sb.append('\u6c34');
            } else if (k == 10) {
                sb.append("\ud83d\ude80");
            } else {
                sb.append('\t');
            }
        }
        String s = sb.toString();
        return anything ? s : s.replace(' ', '-').replace('\t', '-');
    }

    private static byte[] bytes(Random r) {
        byte[] b = new byte[r.nextInt(20)];
        r.nextBytes(b);
        return b;
    }
}

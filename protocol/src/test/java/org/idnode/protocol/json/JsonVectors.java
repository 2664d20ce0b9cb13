package org.idnode.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.codec.ValueCodec;
import org.idnode.protocol.message.MessageBody;
import org.idnode.protocol.model.HandleValue;

/** The handle vectors (protocol/src/test/resources/handle-vectors, see its README) as the JSON tests need them. */
final class JsonVectors {
    static final HexFormat HEX = HexFormat.of();
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Path DIR = vectorsDir();

    private JsonVectors() {
    }

    /** {@code idnode.vectors.dir} as the pom sets it, else the test resources of the protocol module. */
    private static Path vectorsDir() {
        String dir = System.getProperty("idnode.vectors.dir");
        Path d = dir == null || dir.isBlank() ? Path.of("src", "test", "resources", "handle-vectors") : Path.of(dir);
        return d.toAbsolutePath().normalize();
    }

    static byte[] bytes(String file) {
        try {
            return Files.readAllBytes(DIR.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String file) {
        return tree(bytes(file));
    }

    static JsonNode tree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The §5 wire encoding of a value, to compare values octet for octet. */
    static byte[] encode(HandleValue v) {
        ByteBuf out = Unpooled.buffer();
        try {
            ValueCodec.encode(v, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    /** The body of NAME.hex, decoded by the project's own message codec. */
    static MessageBody body(String name) {
        String hex = new String(bytes(name + ".hex"), StandardCharsets.US_ASCII).trim();
        return MessageCodec.decode(Unpooled.wrappedBuffer(HEX.parseHex(hex))).body();
    }
}

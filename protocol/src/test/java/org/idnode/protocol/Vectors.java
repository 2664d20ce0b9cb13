package org.idnode.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.Message;

/** Loads protocol/src/test/resources/handle-vectors (see its README) for the tests. */
final class Vectors {
    static final HexFormat HEX = HexFormat.of();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DIR = vectorsDir();
    static final String ENCRYPTED = "add-value-request-session-encrypted";

    private Vectors() {
    }

    /** {@code idnode.vectors.dir} as the pom sets it, else the test resources of the protocol module. */
    private static Path vectorsDir() {
        String dir = System.getProperty("idnode.vectors.dir");
        Path d = dir == null || dir.isBlank() ? Path.of("src", "test", "resources", "handle-vectors") : Path.of(dir);
        return d.toAbsolutePath().normalize();
    }

    /** The message vectors, in index.txt order. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String line : read("index.txt").split("\n")) {
            if (!line.isBlank()) {
                names.add(line.strip());
            }
        }
        return names;
    }

    static String read(String file) {
        try {
            return Files.readString(DIR.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + DIR.resolve(file) + " (set -Didnode.vectors.dir)", e);
        }
    }

    /** The octets of NAME.hex: one entry per line (one for TCP vectors, one per datagram for udp-*). */
    static List<byte[]> lines(String name) {
        List<byte[]> lines = new ArrayList<>();
        for (String line : read(name + ".hex").split("\n")) {
            if (!line.isBlank()) {
                lines.add(HEX.parseHex(line.strip()));
            }
        }
        return lines;
    }

    static byte[] frame(String name) {
        List<byte[]> lines = lines(name);
        if (lines.size() != 1) {
            throw new IllegalStateException(name + ": " + lines.size() + " lines (expected: 1)");
        }
        return lines.get(0);
    }

    static JsonNode json(String name) {
        try {
            return JSON.readTree(read(name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Message decode(byte[] frame) {
        return MessageCodec.decode(Unpooled.wrappedBuffer(frame));
    }

    static byte[] encode(Message m) {
        ByteBuf out = MessageCodec.encode(m, ByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    static byte[] sessionKey() {
        return HEX.parseHex(json("session-key").get("sessionKeyHex").asText());
    }

    static PublicKey rsaPublicKey() throws Exception {
        byte[] der = HEX.parseHex(json("test-rsa-key").get("publicKeyX509Hex").asText());
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }

    static PrivateKey rsaPrivateKey() throws Exception {
        byte[] der = HEX.parseHex(json("test-rsa-key").get("privateKeyPkcs8Hex").asText());
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }
}

package org.idnode.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.idnode.protocol.codec.PublicKeyCodec;
import org.idnode.protocol.model.PublicKeyData;

/**
 * The {@code key} data format (§18): JWK-like {@code {"kty":"RSA","n","e"}} or
 * {@code {"kty":"DSA","y","p","q","g"}}, integers base64url without padding and without leading zero
 * octets. The wire form (§10) keeps Java's sign octet, so reading adds it back via BigInteger.
 */
public final class KeyJson {
    /** PublicKeyCodec's bound on one integer. */
    private static final int MAX_INTEGER = 16_384;

    private KeyJson() {
    }

    /**
     * The key if JSON can carry it exactly, else null: DH keys (no JSON form; the reference falls back
     * too), non-positive integers, a non-zero reserved field or non-minimal integer encodings.
     */
    static PublicKeyData tryDecode(byte[] data) {
        PublicKeyData key;
        try {
            key = PublicKeyCodec.decode(data);
        } catch (RuntimeException e) {
            return null;
        }
        boolean positive;
        if (key instanceof PublicKeyData.Rsa r) {
            positive = r.exponent().signum() > 0 && r.modulus().signum() > 0;
        } else if (key instanceof PublicKeyData.Dsa d) {
            positive = d.q().signum() > 0 && d.p().signum() > 0 && d.g().signum() > 0 && d.y().signum() > 0;
        } else {
            return null;
        }
        return positive && Arrays.equals(PublicKeyCodec.encode(key), data) ? key : null;
    }

    /**
     * An RSA or DSA key as the {@code value} of {@code {"format":"key"}} data, on one line: what an
     * operator drops into an HS_PUBKEY value of an {@code idnode import} line (e.g. a key made by
     * {@code idnode keygen}).
     */
    public static String toJson(PublicKeyData key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = JsonOutput.generator(out, false)) {
            write(g, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static void write(JsonGenerator g, PublicKeyData key) throws IOException {
        g.writeStartObject();
        if (key instanceof PublicKeyData.Rsa r) {
            g.writeStringField("kty", "RSA");
            g.writeStringField("n", unsigned(r.modulus()));
            g.writeStringField("e", unsigned(r.exponent()));
        } else if (key instanceof PublicKeyData.Dsa d) {
            g.writeStringField("kty", "DSA");
            g.writeStringField("y", unsigned(d.y()));
            g.writeStringField("p", unsigned(d.p()));
            g.writeStringField("q", unsigned(d.q()));
            g.writeStringField("g", unsigned(d.g()));
        } else {
            throw new IllegalArgumentException("key: " + key.keyType() + " has no JSON form");
        }
        g.writeEndObject();
    }

    /** Magnitude octets (positive integers only), leading zeros stripped, base64url. */
    private static String unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        int zeros = 0;
        while (zeros < b.length - 1 && b[zeros] == 0) {
            zeros++;
        }
        return Octets.base64Url(Arrays.copyOfRange(b, zeros, b.length));
    }

    static byte[] read(JsonNode n, String path) {
        JsonTree.object(n, path,
                "an object {\"kty\":\"RSA\",\"n\",\"e\"} or {\"kty\":\"DSA\",\"y\",\"p\",\"q\",\"g\"}");
        JsonNode ktyNode = JsonTree.required(n, path, "kty", "\"RSA\" or \"DSA\"");
        String kty = JsonTree.text(ktyNode, JsonTree.child(path, "kty"), "\"RSA\" or \"DSA\"").toUpperCase(Locale.ROOT);
        PublicKeyData key = switch (kty) {
            case "RSA" -> new PublicKeyData.Rsa(integer(n, path, "e"), integer(n, path, "n"));
            case "DSA" -> new PublicKeyData.Dsa(integer(n, path, "q"), integer(n, path, "p"), integer(n, path, "g"),
                    integer(n, path, "y"));
            default -> throw InvalidJsonException.invalid(JsonTree.child(path, "kty"), JsonTree.show(ktyNode),
                    "\"RSA\" or \"DSA\"");
        };
        return PublicKeyCodec.encode(key);
    }

    private static BigInteger integer(JsonNode key, String path, String name) {
        String p = JsonTree.child(path, name);
        String text = JsonTree.text(JsonTree.required(key, path, name, "base64url text"), p, "base64url text");
        BigInteger v = new BigInteger(1, Octets.base64(text, p, MAX_INTEGER));
        if (v.signum() == 0) {
            throw InvalidJsonException.invalid(p, JsonTree.quote(text), "a positive integer");
        }
        return v;
    }
}

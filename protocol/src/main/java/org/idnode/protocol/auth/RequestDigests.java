package org.idnode.protocol.auth;

import io.netty.buffer.ByteBuf;
import java.security.MessageDigest;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.model.ProtocolVersion;
import org.idnode.protocol.model.RequestDigest;

/**
 * The request digest a response starts with when RD is set, and that a challenge carries
 * (handle-protocol.md §8.1, §14): a hash of the request's header + body as received (24 +
 * bodyLength octets; no envelope, no credential). CNRI uses SHA-256 for peers >= 2.7, SHA-1 for
 * 2.1-2.6; 2.0 peers get the legacy MD5 form (hash type 0, written as {@code bytes}).
 */
public final class RequestDigests {
    private RequestDigests() {
    }

    /** Hash type for a response sent at {@code version} (§8.1). */
    public static int hashTypeFor(ProtocolVersion version) {
        if (version.atLeast(2, 7)) {
            return RequestDigest.SHA256;
        }
        return version.atLeast(2, 1) ? RequestDigest.SHA1 : 0;
    }

    /**
     * Digest of an encoded request (envelope + message from the reader index, as received) for a
     * response sent at {@code responseVersion}.
     */
    public static RequestDigest of(ByteBuf encodedRequest, ProtocolVersion responseVersion) {
        return of(hashTypeFor(responseVersion), encodedRequest);
    }

    /** Digest of the given type (0 = legacy MD5, 1 MD5, 2 SHA-1, 3 SHA-256) of an encoded request. */
    public static RequestDigest of(int hashType, ByteBuf encodedRequest) {
        if (encodedRequest.readableBytes() < Limits.ENVELOPE_SIZE) {
            throw ProtocolException.malformed("request", encodedRequest.readableBytes(),
                    ">= " + Limits.ENVELOPE_SIZE + " octets");
        }
        return ofMessage(hashType, encodedRequest.slice(encodedRequest.readerIndex() + Limits.ENVELOPE_SIZE,
                encodedRequest.readableBytes() - Limits.ENVELOPE_SIZE));
    }

    /** Digest of a request given as the octets after its envelope (header first), e.g. decrypted (§15). */
    public static RequestDigest ofMessage(int hashType, ByteBuf message) {
        ByteBuf headerAndBody = SignedData.headerAndBody(message);
        byte[] octets = new byte[headerAndBody.readableBytes()];
        headerAndBody.getBytes(headerAndBody.readerIndex(), octets);
        String alg = hashType == 0 ? "MD5" : jcaName(hashType);
        return new RequestDigest(hashType, Algorithms.digest(alg, octets));
    }

    /** Whether {@code digest} is the digest of the encoded request (by the digest's own hash type). */
    public static boolean matches(RequestDigest digest, ByteBuf encodedRequest) {
        return MessageDigest.isEqual(of(digest.hashType(), encodedRequest).digest(), digest.digest());
    }

    private static String jcaName(int hashType) {
        if (RequestDigest.lengthOf(hashType) < 0) {
            throw ProtocolException.malformed("digest type", hashType, "0, 1, 2 or 3");
        }
        return RequestDigest.algorithmOf(hashType);
    }
}

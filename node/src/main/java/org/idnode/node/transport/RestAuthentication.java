package org.idnode.node.transport;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.idnode.node.auth.Authenticator;
import org.idnode.node.auth.Identity;
import org.idnode.node.auth.RestSessions;
import org.idnode.node.auth.SeckeyAuthenticator;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.auth.ChallengeAnswers;
import org.idnode.protocol.message.ChallengeAnswerRequest;

/**
 * Who a REST request comes from (handle-protocol.md §18). Authentication is honoured over HTTPS; on
 * plain HTTP only when {@code allowPlainHttpAuth} is set and the client is on loopback, and otherwise
 * ignored, as the reference does (there, a request that would need it gets 403 instead of 401).
 * <ul>
 *   <li>{@code Basic base64(pct("index:handle") ":" secret)}: the identity's HS_SECKEY, compared in
 *       constant time ({@link SeckeyAuthenticator#checkSecret});</li>
 *   <li>{@code Handle}: a 401 carries {@code WWW-Authenticate: Handle sessionId, nonce}; the answer
 *       signs {@code nonce || cnonce} (§14's answer with cnonce in the digest's place) and, once
 *       verified, {@code Handle sessionId="..."} alone authenticates later requests.</li>
 * </ul>
 */
final class RestAuthentication {
    /** The caller: the identity proven (null = anonymous), whether authentication counts here, or the answer to give instead. */
    record Caller(Identity identity, boolean honoured, RestReply refusal) {
        static Caller anonymous(boolean honoured) {
            return new Caller(null, honoured, null);
        }
    }

    private static final Base64.Decoder B64 = Base64.getDecoder();
    private static final Base64.Encoder B64_OUT = Base64.getEncoder();

    private final Map<String, Authenticator> authenticators;
    private final SeckeyAuthenticator seckeys;
    private final RestSessions sessions;
    private final boolean allowPlainHttpAuth;

    RestAuthentication(Map<String, Authenticator> authenticators, SeckeyAuthenticator seckeys, RestSessions sessions,
                       boolean allowPlainHttpAuth) {
        this.authenticators = Map.copyOf(authenticators);
        this.seckeys = seckeys;
        this.sessions = sessions;
        this.allowPlainHttpAuth = allowPlainHttpAuth;
    }

    Caller authenticate(RestRequest r) {
        boolean honoured = r.secure() || (allowPlainHttpAuth && r.fromLoopback());
        String h = r.authorization();
        if (h == null || !honoured) {
            return Caller.anonymous(honoured);
        }
        boolean pretty = r.pretty();
        try {
            if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
                return basic(h.substring(6).trim(), pretty);
            }
            if (h.regionMatches(true, 0, "Handle ", 0, 7)) {
                return handleScheme(RestAuthorizationHeader.parameters(h.substring(7)), pretty);
            }
            throw new ProtocolException(ResponseCodes.INVALID_CREDENTIAL,
                    "Authorization: unknown scheme (expected: Basic or Handle)");
        } catch (ProtocolException e) {
            return refused(e.responseCode(), e.getMessage(), pretty);
        }
    }

    /**
     * The answer to a request that needs an identity it does not have: a 401 with a fresh challenge
     * where authentication is honoured, else 403 (§18: the reference's plain-HTTP behaviour).
     */
    RestReply needsAuthentication(Caller caller, int opCode, String handle, boolean pretty) {
        if (!caller.honoured()) {
            return RestReply.error(HttpResponseStatus.FORBIDDEN, opCode, ResponseCodes.AUTHENTICATION_NEEDED, handle,
                    "authentication needed, and it is honoured over HTTPS only", pretty);
        }
        return challenge(opCode, ResponseCodes.AUTHENTICATION_NEEDED, handle, "authentication needed", pretty);
    }

    private RestReply challenge(int opCode, int rc, String handle, String message, boolean pretty) {
        RestSessions.Entry e;
        try {
            e = sessions.challenge();
        } catch (ProtocolException busy) {
            return RestReply.error(opCode, busy.responseCode(), handle, busy.getMessage(), pretty);
        }
        String handleChallenge = "Handle sessionId=\"" + e.id() + "\", nonce=\"" + B64_OUT.encodeToString(e.nonce()) + "\"";
        return RestReply.error(HttpResponseStatus.UNAUTHORIZED, opCode, rc, handle, message, pretty)
                .withHeaders(List.of(Map.entry("WWW-Authenticate", handleChallenge),
                        Map.entry("WWW-Authenticate", "Basic realm=\"handle\"")));
    }

    private Caller basic(String encoded, boolean pretty) {
        byte[] decoded;
        try {
            decoded = B64.decode(encoded);
        } catch (IllegalArgumentException e) {
            throw credential("Authorization: Basic: not base64");
        }
        int colon = indexOf(decoded, ':', 0);
        if (colon > 0 && allDigits(decoded, colon)) {
            // "index:handle:secret", the identity not percent-encoded (what curl -u sends): the
            // identity ends at the second colon, so a handle holding a colon must be encoded.
            colon = indexOf(decoded, ':', colon + 1);
        }
        if (colon <= 0) {
            throw credential("Authorization: Basic: no ':' between identity and secret");
        }
        Identity claimed = identity(new String(decoded, 0, colon, StandardCharsets.UTF_8));
        byte[] secret = Arrays.copyOfRange(decoded, colon + 1, decoded.length);
        Identity id = seckeys.checkSecret(claimed.handle(), claimed.index(), secret);
        Arrays.fill(secret, (byte) 0);
        Arrays.fill(decoded, (byte) 0);
        if (id == null) {
            return refused(ResponseCodes.AUTHENTICATION_FAILED, "the secret does not match the HS_SECKEY of " + claimed, pretty);
        }
        return new Caller(id, true, null);
    }

    private static int indexOf(byte[] b, char c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean allDigits(byte[] b, int end) {
        for (int i = 0; i < end; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private Caller handleScheme(Map<String, String> p, boolean pretty) {
        String sid = p.get("sessionid");
        if (sid == null || sid.isEmpty()) {
            throw credential("Authorization: Handle: no sessionId");
        }
        RestSessions.Entry session = sessions.find(sid);
        if (session == null) {
            return new Caller(null, true, challenge(0, ResponseCodes.SESSION_TIMEOUT, null,
                    "session " + sid + ": unknown or expired; answer the new challenge", pretty));
        }
        String idText = p.get("id");
        if (idText == null) {
            return new Caller(session.identity(), true, null); // sessionId alone: anonymous until answered
        }
        Identity claimed = identity(idText);
        if (claimed.equals(session.identity())) {
            return new Caller(claimed, true, null); // a client that repeats its answer on every request
        }
        Identity proven;
        try {
            proven = verify(p, claimed, session.nonce());
        } catch (ProtocolException e) {
            sessions.remove(sid); // one answer per challenge: a wrong one ends it
            throw e;
        }
        sessions.authenticate(session, proven);
        return new Caller(proven, true, null);
    }

    /** §18: the answer signs nonce || cnonce, as §14's answer signs nonce || digest. */
    private Identity verify(Map<String, String> p, Identity claimed, byte[] nonce) {
        String type = required(p, "type").toUpperCase(Locale.ROOT);
        byte[] cnonce = base64(p, "cnonce");
        byte[] signature = base64(p, "signature");
        String alg = required(p, "alg");
        byte[] response;
        if (type.equals(ChallengeAnswerRequest.HS_PUBKEY)) {
            response = ChallengeAnswers.encode(new ChallengeAnswers.PubkeyAnswer(alg, signature));
        } else if (type.equals(ChallengeAnswerRequest.HS_SECKEY)) {
            response = seckeyAnswer(p, alg, signature);
        } else {
            throw credential("Authorization: Handle: type " + type + " (expected: HS_PUBKEY or HS_SECKEY)");
        }
        Authenticator a = authenticators.get(type);
        if (a == null) {
            throw credential("Authorization: Handle: type " + type + " is not served here");
        }
        return a.verify(new ChallengeAnswerRequest(type, claimed.handle(), claimed.index(), response), nonce, cnonce);
    }

    /** The HS_SECKEY answer of §14 that this header stands for; {@code length} is PBKDF2's key length in bits. */
    private static byte[] seckeyAnswer(Map<String, String> p, String alg, byte[] mac) {
        int code = switch (alg.toUpperCase(Locale.ROOT)) {
            case "SHA1", "SHA-1" -> ChallengeAnswers.SECKEY_SHA1;
            case "HMAC-SHA1", "HMACSHA1" -> ChallengeAnswers.SECKEY_HMAC_SHA1;
            case "HMAC-SHA256", "HMACSHA256" -> ChallengeAnswers.SECKEY_HMAC_SHA256;
            case "PBKDF2-HMAC-SHA1", "PBKDF2WITHHMACSHA1" -> ChallengeAnswers.SECKEY_PBKDF2_HMAC_SHA1;
            default -> throw credential("Authorization: Handle: alg " + alg
                    + " (expected: SHA1, HMAC-SHA1, HMAC-SHA256 or PBKDF2-HMAC-SHA1)");
        };
        if (code != ChallengeAnswers.SECKEY_PBKDF2_HMAC_SHA1) {
            return ChallengeAnswers.encode(new ChallengeAnswers.SeckeyAnswer(code, new byte[0], 0, 0, mac));
        }
        return ChallengeAnswers.encode(new ChallengeAnswers.SeckeyAnswer(code, base64(p, "salt"),
                integer(p, "iterations"), integer(p, "length"), mac));
    }

    /** {@code index:handle}, percent-encoded like Basic's identity (a ':' or '"' in the handle must be). */
    private static Identity identity(String pct) {
        String text;
        try {
            text = RestParams.decodePath(pct);
        } catch (IllegalArgumentException e) {
            throw credential("identity: " + e.getMessage());
        }
        try {
            return Identity.parse(text);
        } catch (IllegalArgumentException e) {
            throw credential(e.getMessage());
        }
    }

    private static String required(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isEmpty()) {
            throw credential("Authorization: Handle: no " + name);
        }
        return v;
    }

    private static byte[] base64(Map<String, String> p, String name) {
        try {
            return B64.decode(required(p, name));
        } catch (IllegalArgumentException e) {
            throw credential("Authorization: Handle: " + name + " is not base64");
        }
    }

    private static int integer(Map<String, String> p, String name) {
        try {
            return Integer.parseInt(required(p, name));
        } catch (NumberFormatException e) {
            throw credential("Authorization: Handle: " + name + " is not an integer");
        }
    }

    private static ProtocolException credential(String message) {
        return new ProtocolException(ResponseCodes.INVALID_CREDENTIAL, message);
    }

    private static Caller refused(int rc, String message, boolean pretty) {
        return new Caller(null, true, RestReply.error(0, rc, null, message, pretty));
    }
}

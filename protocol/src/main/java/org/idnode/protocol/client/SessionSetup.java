package org.idnode.protocol.client;

import io.netty.buffer.Unpooled;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.interfaces.DHPrivateKey;
import javax.crypto.interfaces.DHPublicKey;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.auth.PublicKeys;
import org.idnode.protocol.auth.RequestDigests;
import org.idnode.protocol.auth.SessionCipher;
import org.idnode.protocol.codec.PublicKeyCodec;
import org.idnode.protocol.message.ErrorResponse;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.SessionSetupRequest;
import org.idnode.protocol.message.SessionSetupResponse;
import org.idnode.protocol.model.PublicKeyData;

/**
 * The client side of OC 400, mode 4 (§8.8, §15): a fresh DH key pair, the setup request naming the
 * identity, and from the server's reply the session id and the 32-octet session key.
 *
 * <p>The group is the JDK's predefined 2048-bit one (the RFC 3526 group 14 prime): generating
 * parameters takes seconds, while a key pair on a known group takes milliseconds. CNRI clients use
 * 1024 bits; the node takes any group of 512 bits or more.
 */
final class SessionSetup {
    static final int DH_BITS = 2048;

    private final KeyPair ours;
    private final byte[] encoded;

    private SessionSetup(KeyPair ours, byte[] encoded) {
        this.ours = ours;
        this.encoded = encoded;
    }

    /** A setup request for {@code identity} (null: an anonymous session) lasting {@code lifetimeSeconds}. */
    static SessionSetup request(ClientIdentity identity, int lifetimeSeconds, int opFlags, SecureRandom random) {
        KeyPair pair;
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("DH");
            gen.initialize(DH_BITS, random);
            pair = gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new ProtocolException(ResponseCodes.ERROR, "DH key pair: " + e);
        }
        byte[] publicKey = PublicKeyCodec.encode(PublicKeys.fromJava(pair.getPublic()));
        SessionSetupRequest body = new SessionSetupRequest(SessionSetupRequest.MODE_DIFFIE_HELLMAN, lifetimeSeconds,
                identity == null ? "" : identity.handle(), identity == null ? -1 : identity.index(), publicKey, null, 0);
        // §15: CNRI clients set CT and RD on setup; the reply is signed with the server key either way.
        Message m = Requests.request(0, Requests.newRequestId(), OpCodes.SESSION_SETUP, body, opFlags | OpFlags.CT | OpFlags.RD);
        return new SessionSetup(pair, Requests.encode(m));
    }

    byte[] encoded() {
        return encoded.clone();
    }

    int requestId() {
        return Unpooled.wrappedBuffer(encoded).getInt(8);
    }

    /** What the server agreed to: the session id (its reply's envelope) and the session key. */
    record Agreed(int sessionId, byte[] key) {
    }

    /**
     * Reads the server's reply: success, signed with {@code serverKey} when given, its digest that of
     * our request, a DH key on our group. Anything else ends the setup with its reason.
     */
    Agreed agree(byte[] frame, Message reply, PublicKey serverKey) {
        int rc = reply.header().responseCode();
        if (rc != ResponseCodes.SUCCESS) {
            String message = reply.body() instanceof ErrorResponse e ? e.message() : "";
            throw new ProtocolException(rc, "session setup refused: RC " + rc + " " + ResponseCodes.name(rc)
                    + (message.isEmpty() ? "" : ": " + message));
        }
        if (serverKey != null) {
            ReplySignatures.requireSigned(frame, reply, serverKey);
        }
        if (reply.digest() != null && !RequestDigests.matches(reply.digest(), Unpooled.wrappedBuffer(encoded))) {
            throw new ProtocolException(ResponseCodes.INVALID_CREDENTIAL, "session setup reply: digest of another request");
        }
        if (!(reply.body() instanceof SessionSetupResponse r) || r.keyExchangeMode() != SessionSetupRequest.MODE_DIFFIE_HELLMAN) {
            throw ProtocolException.malformed("session setup reply: not a mode 4 (Diffie-Hellman) answer");
        }
        SessionCipher.DhSetupData data = SessionCipher.DhSetupData.decode(r.data());
        PublicKeyData.Dh theirs = data.key();
        DHPublicKey mine = (DHPublicKey) ours.getPublic();
        if (!theirs.p().equals(mine.getParams().getP()) || !theirs.g().equals(mine.getParams().getG())) {
            throw new ProtocolException(ResponseCodes.INVALID_SESSIONSETUP_REQUEST, "session setup reply: a DH key on another group");
        }
        int sessionId = reply.envelope().sessionId();
        if (sessionId <= 0) {
            throw ProtocolException.malformed("session setup reply sessionId", sessionId, "> 0");
        }
        return new Agreed(sessionId, SessionCipher.dhSessionKey((DHPrivateKey) ours.getPrivate(), theirs));
    }
}

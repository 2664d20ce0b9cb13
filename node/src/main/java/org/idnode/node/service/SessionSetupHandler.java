package org.idnode.node.service;

import java.security.KeyPair;
import java.security.SecureRandom;
import javax.crypto.interfaces.DHPrivateKey;
import org.idnode.node.auth.Identity;
import org.idnode.node.auth.Session;
import org.idnode.node.auth.Sessions;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.auth.PublicKeys;
import org.idnode.protocol.auth.SessionCipher;
import org.idnode.protocol.codec.BodyCodec;
import org.idnode.protocol.codec.PublicKeyCodec;
import org.idnode.protocol.message.SessionSetupRequest;
import org.idnode.protocol.message.SessionSetupResponse;
import org.idnode.protocol.model.PublicKeyData;

/**
 * OC 400 (§8.8, §15): opens a session by Diffie-Hellman (mode 4, what the stock client uses): a key
 * pair on the client's group, the session key from the shared secret, AES for encrypted messages.
 * The reply carries the new session id in its envelope and is signed with the node key. Other
 * modes are answered RC 504 naming the one served.
 */
final class SessionSetupHandler implements OpHandler {
    private final Sessions sessions;
    private final SecureRandom random;
    private final CryptoWork crypto;

    SessionSetupHandler(Sessions sessions, SecureRandom random, CryptoWork crypto) {
        this.sessions = sessions;
        this.random = random;
        this.crypto = crypto;
    }

    /** What the DH computation gives: our public key and the agreed session key. */
    private record Agreed(PublicKeyData.Dh ours, byte[] key) {
    }

    @Override
    public void handle(Request request, Reply reply) {
        SessionSetupRequest s = (SessionSetupRequest) request.body();
        if (s.keyExchangeMode() != SessionSetupRequest.MODE_DIFFIE_HELLMAN) {
            throw new ProtocolException(ResponseCodes.INVALID_SESSIONSETUP_REQUEST,
                    "key exchange mode: " + s.keyExchangeMode() + " (expected: 4, Diffie-Hellman)");
        }
        PublicKeyData peer = PublicKeyCodec.decode(s.publicKey());
        if (!(peer instanceof PublicKeyData.Dh dh)) {
            throw new ProtocolException(ResponseCodes.INVALID_SESSIONSETUP_REQUEST,
                    "session setup key: " + peer.keyType() + " (expected: " + PublicKeyData.DH + ")");
        }
        Identity claimed = s.identityIndex() >= 0 && !s.identityHandle().isEmpty()
                ? new Identity(s.identityHandle(), s.identityIndex()) : null;
        // A 2048-bit key pair and agreement cost milliseconds: off the event loop (CryptoWork).
        reply.when(crypto.run(() -> {
            KeyPair ours = SessionCipher.dhKeyPair(dh.p(), dh.g(), random);
            byte[] key = SessionCipher.dhSessionKey((DHPrivateKey) ours.getPrivate(), dh);
            return new Agreed((PublicKeyData.Dh) PublicKeys.fromJava(ours.getPublic()), key);
        }), (r, agreed) -> {
            Session session = sessions.open(agreed.key(), claimed, s.timeout());
            byte[] data = new SessionCipher.DhSetupData(SessionCipher.ALG_AES, agreed.ours()).encode();
            r.sessionId(session.id());
            BodyCodec.encode(new SessionSetupResponse(SessionSetupRequest.MODE_DIFFIE_HELLMAN, data), r.body());
            r.send();
        });
    }
}

package org.idnode.node.service;

import java.security.KeyPair;
import java.security.PublicKey;
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
 * OC 400 (§8.8, §15): opens a session. Mode 4, Diffie-Hellman (what the stock client uses): a key
 * pair on the client's group, the session key from the shared secret. Mode 1, client cipher: the
 * node makes the key and sends it encrypted with the client's RSA key. Mode 2, server cipher: the
 * node sends its own public key and the client sends the key encrypted with it (OC 402,
 * {@link SessionExchangeKeyHandler}). AES for encrypted messages in every mode. The reply carries the
 * new session id in its envelope and is signed with the node key. Mode 3 (key in a handle) is
 * answered RC 504.
 */
final class SessionSetupHandler implements OpHandler {
    private final Sessions sessions;
    private final SecureRandom random;
    private final CryptoWork crypto;
    private final PublicKey nodeKey;

    SessionSetupHandler(Sessions sessions, SecureRandom random, CryptoWork crypto, PublicKey nodeKey) {
        this.sessions = sessions;
        this.random = random;
        this.crypto = crypto;
        this.nodeKey = nodeKey;
    }

    /** What the DH computation gives: our public key and the agreed session key. */
    private record Agreed(PublicKeyData.Dh ours, byte[] key) {
    }

    @Override
    public void handle(Request request, Reply reply) {
        SessionSetupRequest s = (SessionSetupRequest) request.body();
        Identity claimed = s.identityIndex() >= 0 && !s.identityHandle().isEmpty()
                ? new Identity(s.identityHandle(), s.identityIndex()) : null;
        switch (s.keyExchangeMode()) {
            case SessionSetupRequest.MODE_DIFFIE_HELLMAN -> diffieHellman(s, claimed, reply);
            case SessionSetupRequest.MODE_CLIENT_CIPHER -> clientCipher(s, claimed, reply);
            case SessionSetupRequest.MODE_SERVER_CIPHER -> {
                // §8.8 mode 2: our public key now; the client's key comes encrypted with it in OC 402.
                Session session = sessions.open(null, claimed, s.timeout());
                reply.sessionId(session.id());
                BodyCodec.encode(new SessionSetupResponse(SessionSetupRequest.MODE_SERVER_CIPHER,
                        PublicKeys.encode(nodeKey)), reply.body());
                reply.send();
            }
            default -> throw new ProtocolException(ResponseCodes.INVALID_SESSIONSETUP_REQUEST,
                    "key exchange mode: " + s.keyExchangeMode() + " (expected: 4 Diffie-Hellman, 1 or 2)");
        }
    }

    /**
     * §8.8 mode 1: the node makes the key and sends it encrypted with the client's RSA key (PKCS#1
     * v1.5), as {@code int4 algorithm || key} (2.2 and later).
     */
    private void clientCipher(SessionSetupRequest s, Identity claimed, Reply reply) {
        PublicKey client;
        try {
            client = PublicKeys.decode(s.publicKey());
        } catch (ProtocolException | IllegalArgumentException e) {
            throw new ProtocolException(ResponseCodes.INVALID_SESSIONSETUP_REQUEST, "session setup key: " + e.getMessage());
        }
        if (!"RSA".equals(client.getAlgorithm())) {
            throw new ProtocolException(ResponseCodes.NEED_RSAKEY_FOR_SESSIONEXCHANGE,
                    "session setup key: " + client.getAlgorithm() + " (expected: RSA)");
        }
        byte[] key = new byte[SessionCipher.SESSION_KEY_LENGTH];
        random.nextBytes(key);
        byte[] data = KeyTransport.encrypt(client, key);
        Session session = sessions.open(key, claimed, s.timeout());
        reply.sessionId(session.id());
        BodyCodec.encode(new SessionSetupResponse(SessionSetupRequest.MODE_CLIENT_CIPHER, data), reply.body());
        reply.send();
    }

    private void diffieHellman(SessionSetupRequest s, Identity claimed, Reply reply) {
        PublicKeyData peer = PublicKeyCodec.decode(s.publicKey());
        if (!(peer instanceof PublicKeyData.Dh dh)) {
            throw new ProtocolException(ResponseCodes.INVALID_SESSIONSETUP_REQUEST,
                    "session setup key: " + peer.keyType() + " (expected: " + PublicKeyData.DH + ")");
        }
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

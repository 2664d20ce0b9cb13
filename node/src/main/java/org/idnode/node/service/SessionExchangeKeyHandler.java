package org.idnode.node.service;

import java.security.PrivateKey;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.message.SessionExchangeKeyRequest;

/**
 * OC 402 (§8.8): the key of a mode-2 session, encrypted with the node's public key. Opened with the
 * node key (off the event loop), set once; the reply is signed with the node key.
 */
final class SessionExchangeKeyHandler implements OpHandler {
    private final PrivateKey nodeKey;
    private final CryptoWork crypto;

    SessionExchangeKeyHandler(PrivateKey nodeKey, CryptoWork crypto) {
        this.nodeKey = nodeKey;
        this.crypto = crypto;
    }

    @Override
    public void handle(Request request, Reply reply) {
        var session = request.caller().session();
        if (session == null) {
            throw new ProtocolException(ResponseCodes.SESSION_TIMEOUT, "key exchange outside a session");
        }
        byte[] sealed = ((SessionExchangeKeyRequest) request.body()).encryptedSessionKey();
        reply.when(crypto.run(() -> KeyTransport.decrypt(nodeKey, sealed)), (r, key) -> {
            session.exchangeKey(key);
            r.ok();
        });
    }
}

package org.idnode.node.service;

import org.idnode.node.auth.SeckeyAuthenticator;
import org.idnode.protocol.codec.BodyCodec;
import org.idnode.protocol.message.VerifyAuthRequest;
import org.idnode.protocol.message.VerifyAuthResponse;

/**
 * OC 201 (§8.7): a third party (another server) asks whether an HS_SECKEY answer to its challenge
 * was made with the secret of an identity that lives here. The answer says valid or not; the
 * secret never leaves the node.
 */
final class VerifyChallengeHandler implements OpHandler {
    private final SeckeyAuthenticator seckeys;

    VerifyChallengeHandler(SeckeyAuthenticator seckeys) {
        this.seckeys = seckeys;
    }

    @Override
    public void handle(Request request, Reply reply) {
        VerifyAuthRequest v = (VerifyAuthRequest) request.body();
        boolean valid = seckeys.check(v.handle(), v.index(), v.answer(), v.nonce(), v.requestDigest()) != null;
        BodyCodec.encode(new VerifyAuthResponse(valid), reply.body());
        reply.send();
    }
}

package org.idnode.protocol.client;

import io.netty.buffer.Unpooled;
import java.security.PublicKey;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.auth.MessageSigner;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.model.Credential;

/** The checks a client makes of a reply's credential (§9, §15); a failed check is RC_INVALID_CREDENTIAL. */
final class ReplySignatures {
    private ReplySignatures() {
    }

    /** §9: a reply to a CT request must be signed with the key of the server we asked, errors included. */
    static void requireSigned(byte[] frame, Message reply, PublicKey serverKey) {
        Credential c = reply.credential();
        if (c == null || !(Credential.HS_SIGNED.equals(c.type()) || MessageSigner.HS_DSAPUBKEY.equals(c.type()))) {
            throw refused(reply, "is not signed (credential: " + (c == null ? "none" : c.type()) + ")");
        }
        if (!MessageSigner.verify(Unpooled.wrappedBuffer(frame), c, serverKey)) {
            throw refused(reply, "has a signature that the server's key does not verify");
        }
    }

    /**
     * §15: a reply in a session carries an HS_MAC with the session key over it, and the counter of
     * the request it answers (so a reply cannot be moved to another request).
     */
    static void requireMac(byte[] frame, Message reply, byte[] sessionKey, int counter) {
        Credential c = reply.credential();
        if (c == null || !Credential.HS_MAC.equals(c.type())) {
            throw refused(reply, "in a session has no HS_MAC (credential: " + (c == null ? "none" : c.type()) + ")");
        }
        if (c.signerIndex() != counter) {
            throw refused(reply, "is MAC'd for counter " + c.signerIndex() + " (expected: " + counter + ")");
        }
        if (!MessageSigner.verifyMac(Unpooled.wrappedBuffer(frame), c, sessionKey)) {
            throw refused(reply, "has an HS_MAC that the session key does not verify");
        }
    }

    private static ProtocolException refused(Message reply, String what) {
        return new ProtocolException(ResponseCodes.INVALID_CREDENTIAL, "reply to request " + reply.envelope().requestId()
                + " (" + ResponseCodes.name(reply.header().responseCode()) + ") " + what);
    }
}

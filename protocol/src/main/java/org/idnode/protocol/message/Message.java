package org.idnode.protocol.message;

import org.idnode.protocol.model.Credential;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.Header;
import org.idnode.protocol.model.RequestDigest;

/**
 * A whole message: envelope, header, the request digest a response starts with when RD is set
 * (§8.1, else null), the body, and the credential (§9, null when the length field is 0).
 * The envelope's messageLength and the header's bodyLength are recomputed by the encoder.
 */
public record Message(Envelope envelope, Header header, RequestDigest digest, MessageBody body, Credential credential) {
    public Message withCredential(Credential c) {
        return new Message(envelope, header, digest, body, c);
    }

    public Message withEnvelope(Envelope e) {
        return new Message(e, header, digest, body, credential);
    }
}

package org.idnode.protocol.client;

import io.netty.buffer.Unpooled;
import java.util.List;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.codec.EnvelopeCodec;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.ResolutionResponse;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.Header;
import org.idnode.protocol.model.ProtocolVersion;

/** Replies the client tests' stub servers send: real encodings from our codec. */
final class StubServers {
    private StubServers() {
    }

    static int requestId(byte[] frame) {
        return EnvelopeCodec.decode(Unpooled.wrappedBuffer(frame)).requestId();
    }

    static Message request(byte[] frame) {
        return MessageCodec.decode(Unpooled.wrappedBuffer(frame));
    }

    /** A resolution reply to request {@code requestId}: envelope + message. */
    static byte[] resolutionReply(int requestId, String handle, List<HandleValue> values) {
        Envelope env = Envelope.of(ProtocolVersion.OURS, ProtocolVersion.OURS, 0, requestId);
        Header h = new Header(OpCodes.RESOLUTION, ResponseCodes.SUCCESS, 0, 1, 0, 0);
        return Requests.encode(new Message(env, h, null, new ResolutionResponse(handle, values), null));
    }
}

package org.idnode.node;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.MessageBody;
import org.idnode.protocol.message.ResolutionRequest;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.Header;
import org.idnode.protocol.model.ProtocolVersion;

/** Builds request frames for tests with our own codec. */
public final class Requests {
    private Requests() {
    }

    public static byte[] resolution(int requestId, String handle) {
        return resolution(requestId, handle, List.of(), List.of(), OpFlags.CLIENT_DEFAULT);
    }

    public static byte[] resolution(int requestId, String handle, List<Integer> indexes, List<String> types, int flags) {
        return frame(requestId, OpCodes.RESOLUTION, flags, new ResolutionRequest(handle, indexes, types));
    }

    public static byte[] frame(int requestId, int opCode, int flags, MessageBody body) {
        Envelope env = Envelope.of(ProtocolVersion.OURS, ProtocolVersion.OURS, 0, requestId);
        Header h = new Header(opCode, 0, flags, 1, 0, (int) (System.currentTimeMillis() / 1000) + 3600);
        ByteBuf b = MessageCodec.encode(new Message(env, h, null, body, null), Unpooled.buffer().alloc());
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    public static Message decode(byte[] frame) {
        return MessageCodec.decode(Unpooled.wrappedBuffer(frame));
    }
}

package org.idnode.protocol.codec;

import io.netty.buffer.ByteBuf;
import org.idnode.protocol.Limits;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.model.Envelope;

/** The 20-octet envelope (handle-protocol.md §3). */
public final class EnvelopeCodec {
    private EnvelopeCodec() {
    }

    /** Reads and checks an envelope; the caller has made sure 20 octets are readable. */
    public static Envelope decode(ByteBuf in) {
        if (in.readableBytes() < Limits.ENVELOPE_SIZE) {
            throw ProtocolException.malformed("envelope", in.readableBytes(), Limits.ENVELOPE_SIZE + " octets");
        }
        int major = in.readUnsignedByte();
        int minor = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int suggestedMinor = in.readUnsignedByte();
        int sessionId = in.readInt();
        int requestId = in.readInt();
        int messageId = in.readInt();
        int length = in.readInt();
        // §19: major 5 is a broken 2.0 client; anything else but 2 is not this protocol.
        if (major != 2 && major != 5) {
            throw ProtocolException.malformed("envelope majorVersion", major, "2");
        }
        if (length < 0 || length > Limits.MAX_MESSAGE_LENGTH) {
            // §3: CNRI's envelope decoder throws here and its TCP handler answers RC_ERROR, not
            // RC_PROTOCOL_ERROR (which it keeps for short reads and messages under 24 octets).
            throw new ProtocolException(ResponseCodes.ERROR, "envelope messageLength: " + length
                    + " (expected: 0.." + Limits.MAX_MESSAGE_LENGTH + ")");
        }
        if (messageId < 0) {
            throw ProtocolException.malformed("envelope messageId", messageId, ">= 0");
        }
        return new Envelope(major, minor, flags, suggestedMinor, sessionId, requestId, messageId, length);
    }

    public static void encode(Envelope e, ByteBuf out) {
        out.writeByte(e.majorVersion());
        out.writeByte(e.minorVersion());
        out.writeByte(e.flags());
        out.writeByte(e.suggestedMinor());
        out.writeInt(e.sessionId());
        out.writeInt(e.requestId());
        out.writeInt(e.messageId());
        out.writeInt(e.messageLength());
    }

    /** Peeks the messageLength of the envelope at the reader index (framing: §2, TCP). */
    public static int messageLength(ByteBuf in) {
        return in.getInt(in.readerIndex() + 16);
    }
}

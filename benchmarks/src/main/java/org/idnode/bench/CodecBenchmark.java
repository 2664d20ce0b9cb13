package org.idnode.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.ResolutionRequest;
import org.idnode.protocol.message.ResolutionResponse;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.Header;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.ProtocolVersion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Decode of a resolution request and encode of a two-value response: the codec share of the hot path. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
    private ByteBuf request;
    private Message response;

    @Setup
    public void setup() {
        Envelope env = Envelope.of(ProtocolVersion.OURS, ProtocolVersion.OURS, 0, 42);
        Header h = new Header(OpCodes.RESOLUTION, 0, OpFlags.CLIENT_DEFAULT, 1, 0, 1_700_000_000);
        Message m = new Message(env, h, null, ResolutionRequest.all(BenchStore.handle(123_456)), null);
        request = Unpooled.unreleasableBuffer(MessageCodec.encode(m, Unpooled.buffer().alloc()));
        List<HandleValue> values = BenchStore.values(123_456);
        response = new Message(env, h.withResponseCode(1), null,
                new ResolutionResponse(BenchStore.handle(123_456), values), null);
    }

    @Benchmark
    public Message decodeResolutionRequest() {
        return MessageCodec.decode(request.duplicate());
    }

    @Benchmark
    public int encodeResolutionResponse() {
        ByteBuf out = MessageCodec.encode(response, PooledByteBufAllocator.DEFAULT);
        int n = out.readableBytes();
        out.release();
        return n;
    }
}

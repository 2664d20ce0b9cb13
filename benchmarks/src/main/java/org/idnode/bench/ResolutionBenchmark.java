package org.idnode.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.idnode.node.service.HomedPrefixes;
import org.idnode.node.service.Interface;
import org.idnode.node.service.RequestProcessor;
import org.idnode.node.service.Resolver;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.HandleStore;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.ResolutionRequest;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.Header;
import org.idnode.protocol.model.ProtocolVersion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole in-process resolution, bytes in to bytes out: decode, prefix check, RocksDB get,
 * response written behind a header, on a store of {@code records} records. No sockets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ResolutionBenchmark {
    @Param("1000000")
    public int records;
    @Param("/tmp/idnode-bench-store")
    public String dir;
    /** 0: every get goes to the block cache; the node's default is 256 MiB. */
    @Param({"0", "268435456"})
    public long rowCacheBytes;


    private HandleStore store;
    private RequestProcessor processor;
    private ByteBuf request;
    private int digitsAt;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        store = BenchStore.open(Path.of(dir + "-" + records), records, rowCacheBytes);

        Resolver resolver = new Resolver(store, new HandleKeys(false), new HomedPrefixes(Set.of(BenchStore.PREFIX)));
        processor = new RequestProcessor(resolver, new byte[0], 1, null);
        // One request frame, as a transport hands it over (hot in the CPU cache); each call writes a
        // random id into its handle, so lookups spread over the whole store.
        Envelope env = Envelope.of(ProtocolVersion.OURS, ProtocolVersion.OURS, 0, 1);
        Header h = new Header(OpCodes.RESOLUTION, 0, OpFlags.CLIENT_DEFAULT, 1, 0, 1_700_000_000);
        request = MessageCodec.encode(new Message(env, h, null, ResolutionRequest.all(BenchStore.handle(0)), null),
                Unpooled.buffer().alloc());
        // envelope 20 + header 24 + handle length 4, then "88.118.8/ID-" and the nine digits
        digitsAt = 20 + 24 + 4 + BenchStore.handle(0).length() - 9;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
        request.release();
    }

    @Benchmark
    public int resolve() {
        int id = ThreadLocalRandom.current().nextInt(records);
        for (int i = 8; i >= 0; i--, id /= 10) {
            request.setByte(digitsAt + i, '0' + id % 10);
        }
        ByteBuf res = processor.process(request, Interface.UDP, PooledByteBufAllocator.DEFAULT);
        int n = res.readableBytes();
        res.release();
        return n;
    }
}

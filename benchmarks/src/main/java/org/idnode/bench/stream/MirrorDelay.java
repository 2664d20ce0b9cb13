package org.idnode.bench.stream;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.idnode.bench.load.CreateRecords;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.auth.PrivateKeyFiles;
import org.idnode.protocol.client.AdminClient;
import org.idnode.protocol.client.ClientIdentity;
import org.idnode.protocol.client.ClientOptions;
import org.idnode.protocol.client.HandleClient;
import org.idnode.protocol.client.Transport;
import org.idnode.protocol.message.CreateHandleRequest;
import org.idnode.protocol.message.Message;

/**
 * How long after a primary acknowledges a registration a mirror resolves it: creates one handle at
 * a time on the primary (TCP, challenge answered), then resolves it on the mirror over UDP every
 * 200 µs until it is there; the delay runs from the create's answer to the first successful
 * resolution. Prints p50/p90/p99/max.
 *
 * <pre>java -cp benchmarks/target/idnode-benchmarks.jar org.idnode.bench.stream.MirrorDelay \
 *     PRIMARY_HOST:PORT MIRROR_HOST:PORT PREFIX ADMIN_KEY_FILE [COUNT]</pre>
 * The identity is {@code 300:0.NA/PREFIX} (the node's adminKeyFile administrator).
 */
public final class MirrorDelay {
    private MirrorDelay() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: MirrorDelay PRIMARY_HOST:PORT MIRROR_HOST:PORT PREFIX ADMIN_KEY_FILE [COUNT]");
            System.exit(2);
        }
        InetSocketAddress primary = address(args[0]);
        InetSocketAddress mirror = address(args[1]);
        String prefix = args[2];
        int count = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        if (count < 1 || count > 1_000_000) {
            throw new IllegalArgumentException("COUNT: 1..1000000");
        }
        ClientIdentity id = ClientIdentity.publicKey("0.NA/" + prefix, 300,
                PrivateKeyFiles.read(Files.readAllBytes(Path.of(args[3])), null));
        AdminClient admin = new AdminClient(new HandleClient(), id, null);
        HandleClient resolver = new HandleClient(ClientOptions.defaults().withTimeout(java.time.Duration.ofSeconds(2)));
        CreateRecords records = new CreateRecords("0.NA/" + prefix, 300);
        Histogram delays = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        String run = Long.toString(System.currentTimeMillis(), 36);
        int warmup = Math.min(100, count / 10);
        for (int i = 0; i < count + warmup; i++) {
            String handle = prefix + "/DELAY-" + run + "-" + i;
            Message done = admin.send(Transport.TCP, primary, OpCodes.CREATE_HANDLE,
                    new CreateHandleRequest(handle, records.values(handle)), 0, handle);
            long acked = System.nanoTime();
            if (done.header().responseCode() != ResponseCodes.SUCCESS) {
                throw new IllegalStateException(handle + ": RC " + done.header().responseCode());
            }
            long deadline = acked + TimeUnit.SECONDS.toNanos(60);
            while (resolver.resolve(Transport.UDP, mirror, handle).header().responseCode() != ResponseCodes.SUCCESS) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(handle + " not on the mirror within 60 s");
                }
                LockSupport.parkNanos(200_000);
            }
            if (i >= warmup) {
                delays.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - acked));
            }
        }
        System.out.printf("acknowledged on the primary to resolved on the mirror, %d creates: p50 %.1f ms  p90 %.1f ms"
                        + "  p99 %.1f ms  max %.1f ms%n", delays.getTotalCount(), delays.getValueAtPercentile(50) / 1000.0,
                delays.getValueAtPercentile(90) / 1000.0, delays.getValueAtPercentile(99) / 1000.0, delays.getMaxValue() / 1000.0);
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}

package org.idnode.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.idnode.node.auth.Authorizer;
import org.idnode.node.auth.Identity;
import org.idnode.node.registration.Registrar;
import org.idnode.node.service.HomedPrefixes;
import org.idnode.node.service.PrefixRecords;
import org.idnode.node.storage.GroupCommitter;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.RocksHandleStore;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.codec.AdminRecordCodec;
import org.idnode.protocol.model.AdminRecord;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.SiteInfo;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole write path below the wire: {@link Registrar#create} of a new handle with a record shaped
 * like a real one (URL, DESC, a 300-octet JSON value, HS_ADMIN of the enterprise), by the prefix
 * administrator, checked, authorized against the prefix handle's HS_ADMIN on the committer thread,
 * written with its outbox event by group commit, returned once synced. 64 callers at once, as many
 * kept-alive sessions would be. The store starts empty in {@code dir}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class RegistrationBenchmark {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RegistrationBenchmark.class);

    @Param("/tmp/idnode-bench-registration")
    public String dir;

    private final HandleKeys keys = new HandleKeys(false);
    private final AtomicLong next = new AtomicLong();
    private final Identity admin = new Identity("0.NA/" + BenchStore.PREFIX, 300);
    private RocksHandleStore store;
    private GroupCommitter committer;
    private Registrar registrar;
    private HandleValue adminValue;
    private HandleValue json;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        BenchStore.delete(Path.of(dir));
        store = RocksHandleStore.open(Path.of(dir).resolve("db"), 64L << 20);
        SiteInfo site = new SiteInfo(1, 2, 10, 1, SiteInfo.PRIMARY, 0, new byte[0], List.of(), List.of());
        PrefixRecords.home(store, keys, BenchStore.PREFIX, site, 1, null);
        committer = new GroupCommitter(store, 512, 20_000);
        HomedPrefixes homed = new HomedPrefixes(Set.of(BenchStore.PREFIX));
        Authorizer authorizer = new Authorizer(List.of(), h -> {
            byte[] r = store.get(keys.key(h));
            return r == null ? null : StoredRecord.decode(r);
        }, keys);
        registrar = new Registrar(committer, keys, homed, authorizer, System::currentTimeMillis, new SecureRandom(), site,
                Registrar.Mode.STREAMING);
        adminValue = HandleValue.of(100, "HS_ADMIN", AdminRecordCodec.encode(
                new AdminRecord(AdminRecord.HANDLE_DEFAULT, "88.118.8/ADMIN", 300)));
        json = HandleValue.of(3, "META", ("{\"model\":\"CP-200\",\"batch\":\"2024-11-B\",\"plant\":\"Hefei\",\"made\":"
                + "\"2024-11-14\",\"material\":\"stainless steel 316L\",\"pressure\":\"1.6 MPa\",\"flow\":\"200 m3/h\","
                + "\"certificates\":[\"GB/T 3216-2016\",\"ISO 9906\"],\"line\":7,\"inspector\":\"QA-114\","
                + "\"notes\":\"factory acceptance test passed\"}").getBytes(StandardCharsets.UTF_8));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        committer.close();
        LOG.info(String.format("%d registrations in %d syncs (%.1f a sync, largest %d)", committer.mutations(),
                committer.batches(), (double) committer.mutations() / Math.max(1, committer.batches()), committer.largestBatch()));
        store.close();
        BenchStore.delete(Path.of(dir));
    }

    @Benchmark
    @Threads(64)
    public Registrar.Outcome createRealisticRecord() throws Exception {
        long i = next.incrementAndGet();
        String handle = BenchStore.PREFIX + "/PUMP-2024-" + i;
        List<HandleValue> values = List.of(HandleValue.text(1, "URL", "https://factory.example.com/pumps/" + i),
                HandleValue.text(2, "DESC", "Centrifugal pump CP-200, serial " + i), json, adminValue);
        return registrar.create(handle, values, false, false, admin).get();
    }
}

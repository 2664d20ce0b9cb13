package org.idnode.node.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import net.handle.hdllib.AbstractResponse;
import net.handle.hdllib.AdminRecord;
import net.handle.hdllib.AuthenticationInfo;
import net.handle.hdllib.CreateHandleRequest;
import net.handle.hdllib.Encoder;
import net.handle.hdllib.HandleResolver;
import net.handle.hdllib.HandleValue;
import net.handle.hdllib.Interface;
import net.handle.hdllib.PublicKeyAuthenticationInfo;
import net.handle.hdllib.SiteInfo;
import net.handle.hdllib.Util;
import org.idnode.node.Await;
import org.idnode.node.NodeProcess;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.HandleStore;
import org.idnode.node.storage.RocksHandleStore;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.auth.PublicKeys;
import org.idnode.protocol.client.HandleClient;
import org.idnode.protocol.client.Transport;
import org.idnode.protocol.codec.SiteInfoCodec;
import org.idnode.protocol.message.GetSiteInfoResponse;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.stream.RegistrationEvent;
import org.idnode.protocol.stream.RegistrationEventCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost: a node process (real RocksDB) is killed with SIGKILL while eight
 * official clients register handles as fast as they can. Every handle that got a success reply is
 * there after the crash, whole (all its values), with its outbox event; nothing is half-applied.
 * The stream is on and its Kafka unreachable, so every event is still in the outbox afterwards.
 */
class CrashDurabilityIT {
    static final String PREFIX = "88.118.8";
    static final int WRITERS = 8;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRegistrationSurvivesSigkillWholeAndWithItsOutboxEvent() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair admin = gen.generateKeyPair();
        Path keyFile = dir.resolve("admpub.bin");
        Files.write(keyFile, PublicKeys.encode(admin.getPublic()));
        Path data = dir.resolve("data");

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        // Streaming on, to a Kafka that is not there: every event stays in the outbox, to be checked below.
        Map<String, String> env = Map.of("IDNODE_ADMIN_KEY_FILE", keyFile.toString(), "IDNODE_KAFKA", "127.0.0.1:1");
        NodeProcess node = NodeProcess.start(data, env, "--prefix", PREFIX);
        SiteInfo site = siteOf(node.tcpPort());
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread t = new Thread(() -> register(site, admin, writer, acknowledged, stop), "writer-" + w);
            t.start();
            writers.add(t);
        }
        // Kill in the middle of the load: once a good number were acknowledged, with writes still in flight.
        Await.until(Duration.ofSeconds(90), "400 registrations acknowledged", () -> acknowledged.size() >= 400);
        node.kill();
        stop.set(true);
        for (Thread t : writers) {
            t.join(30_000);
        }
        Set<String> acked = new HashSet<>(acknowledged);

        // A restart replays the WAL; then the store is read directly.
        NodeProcess.start(data, env, "--prefix", PREFIX).close();
        try (HandleStore store = RocksHandleStore.open(data.resolve("db"), 8L << 20)) {
            HandleKeys keys = new HandleKeys(false);
            for (String handle : acked) {
                byte[] record = store.get(keys.key(handle));
                assertNotNull(record, handle + " was acknowledged and is gone");
                assertEquals(3, StoredRecord.decode(record).size(), handle + " is whole");
            }
            Set<String> inOutbox = new HashSet<>();
            long last = store.lastSequence();
            for (HandleStore.OutboxEntry e : store.outbox(1, (int) last)) {
                RegistrationEvent ev = RegistrationEventCodec.decode(e.event());
                if (ev.operation() == RegistrationEvent.Operation.PUT) {
                    assertEquals(3, ev.values().size(), "an event carries the whole record");
                    inOutbox.add(ev.handle());
                }
            }
            assertTrue(inOutbox.containsAll(acked), "every acknowledged registration has its outbox event");
        }
    }

    private static void register(SiteInfo site, KeyPair admin, int writer, Set<String> acknowledged, AtomicBoolean stop) {
        AuthenticationInfo auth = new PublicKeyAuthenticationInfo(Util.encodeString("0.NA/" + PREFIX), 300, admin.getPrivate());
        HandleResolver r = new HandleResolver();
        r.setCache(null);
        r.setSessionTracker(null);
        r.setTcpTimeout(5_000);
        HandleValue adminValue = new HandleValue(100, Util.encodeString("HS_ADMIN"), Encoder.encodeAdminRecord(new AdminRecord(
                auth.getUserIdHandle(), 300, true, true, false, false, true, true, true, true, true, true, true, true)));
        for (int i = 0; i < 100_000 && !stop.get(); i++) {
            String handle = PREFIX + "/CRASH-" + writer + "-" + i;
            HandleValue[] values = {new HandleValue(1, "URL", "https://factory.example.com/" + handle),
                    new HandleValue(2, "DESC", "part " + i + " of writer " + writer), adminValue};
            try {
                AbstractResponse res = r.sendRequestToSite(new CreateHandleRequest(Util.encodeString(handle), values, auth),
                        site, Interface.SP_HDL_TCP);
                if (res.responseCode == AbstractResponse.RC_SUCCESS) {
                    acknowledged.add(handle);
                }
            } catch (Exception e) {
                if (stop.get()) {
                    return;
                }
                // the node was killed under this request: not acknowledged, so it may or may not be stored
            }
        }
    }

    private static SiteInfo siteOf(int tcp) throws Exception {
        Message m = new HandleClient().send(Transport.TCP, new InetSocketAddress("127.0.0.1", tcp),
                org.idnode.protocol.client.Requests.request(1, org.idnode.protocol.OpCodes.GET_SITE_INFO,
                        new org.idnode.protocol.message.GetSiteInfoRequest("/"), 0), "/");
        SiteInfo site = new SiteInfo();
        Encoder.decodeSiteInfoRecord(SiteInfoCodec.encode(((GetSiteInfoResponse) m.body()).site()), 0, site);
        return site;
    }
}

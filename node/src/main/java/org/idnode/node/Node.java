package org.idnode.node;

import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;
import java.util.TreeSet;
import org.idnode.node.config.NodeConfig;
import org.idnode.node.identity.NodeKeys;
import org.idnode.node.identity.SiteInfoFactory;
import org.idnode.node.service.HomedPrefixes;
import org.idnode.node.service.PrefixRecords;
import org.idnode.node.service.RequestProcessor;
import org.idnode.node.service.Resolver;
import org.idnode.node.service.RsaResponseSigner;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.HandleStore;
import org.idnode.node.storage.RocksHandleStore;
import org.idnode.node.transport.Listeners;
import org.idnode.node.transport.RestApi;
import org.idnode.protocol.codec.SiteInfoCodec;
import org.idnode.protocol.model.SiteInfo;

/**
 * Builds and runs a node: the one place where the parts are made and wired, by constructor, in
 * order (store, key, sockets, site info, prefixes, request processing), and taken down in reverse.
 */
public final class Node implements AutoCloseable {
    private final NodeConfig config;
    private final HandleStore store;
    private final Listeners listeners;
    private final SiteInfo siteInfo;
    private final HandleKeys keys;
    private final HomedPrefixes homed;
    private final RequestProcessor processor;

    private Node(NodeConfig config, HandleStore store, Listeners listeners, SiteInfo siteInfo, HandleKeys keys,
                 HomedPrefixes homed, RequestProcessor processor) {
        this.config = config;
        this.store = store;
        this.listeners = listeners;
        this.siteInfo = siteInfo;
        this.keys = keys;
        this.homed = homed;
        this.processor = processor;
    }

    public static Node start(NodeConfig config) {
        config.validate();
        HandleStore store = RocksHandleStore.open(config.dataDir().resolve("db"), config.blockCacheBytes(),
                config.rowCacheBytes());
        Listeners listeners = null;
        try {
            KeyPair key = NodeKeys.loadOrCreate(config.dataDir());
            listeners = new Listeners(config);
            SiteInfo site = SiteInfoFactory.create(config.effectiveAdvertiseAddress(), listeners.tcpAddress().getPort(),
                    listeners.httpAddress().getPort(), config.siteSerial(), config.siteDescription(),
                    (RSAPublicKey) key.getPublic());
            HandleKeys keys = new HandleKeys(config.caseSensitiveSuffix());
            int now = (int) (System.currentTimeMillis() / 1000);
            for (String p : config.prefixes()) {
                PrefixRecords.home(store, keys, p, site, now);
            }
            Set<String> prefixes = new TreeSet<>(store.homedPrefixes());
            HomedPrefixes homed = new HomedPrefixes(prefixes);
            Resolver resolver = new Resolver(store, keys, homed);
            RequestProcessor processor = new RequestProcessor(resolver, SiteInfoCodec.encode(site), config.siteSerial(),
                    new RsaResponseSigner(key.getPrivate()));
            listeners.serve(processor, new RestApi(resolver, site));
            return new Node(config, store, listeners, site, keys, homed, processor);
        } catch (RuntimeException e) {
            if (listeners != null) {
                listeners.close();
            }
            store.close();
            throw e;
        }
    }

    public NodeConfig config() {
        return config;
    }

    public HandleStore store() {
        return store;
    }

    public HandleKeys keys() {
        return keys;
    }

    public SiteInfo siteInfo() {
        return siteInfo;
    }

    public Set<String> homedPrefixes() {
        return homed.all();
    }

    public RequestProcessor processor() {
        return processor;
    }

    public InetSocketAddress tcpAddress() {
        return listeners.tcpAddress();
    }

    public InetSocketAddress udpAddress() {
        return listeners.udpAddress();
    }

    public InetSocketAddress httpAddress() {
        return listeners.httpAddress();
    }

    public String transportName() {
        return listeners.transportName();
    }

    public long droppedDatagrams() {
        return listeners.counters().droppedDatagrams();
    }

    /** Stops listening, then closes the store; safe to call twice. */
    @Override
    public void close() {
        listeners.close();
        store.close();
    }
}

package org.idnode.node;

import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.security.SecureRandom;
import java.util.Map;
import org.idnode.node.auth.Authenticator;
import org.idnode.node.auth.Authorizer;
import org.idnode.node.auth.Challenges;
import org.idnode.node.auth.Identity;
import org.idnode.node.auth.KeyValues;
import org.idnode.node.auth.PubkeyAuthenticator;
import org.idnode.node.auth.RestSessions;
import org.idnode.node.auth.SeckeyAuthenticator;
import org.idnode.node.auth.Sessions;
import org.idnode.node.config.AuthSettings;
import org.idnode.node.config.NodeConfig;
import org.idnode.node.registration.Registrar;
import org.idnode.node.service.CryptoWork;
import org.idnode.node.service.OpHandler;
import org.idnode.node.service.Operations;
import org.idnode.node.storage.GroupCommitter;
import org.idnode.node.config.StreamSettings;
import org.idnode.node.metrics.MirrorMetrics;
import org.idnode.node.mirror.BadRecords;
import org.idnode.node.mirror.MirrorConsumer;
import org.idnode.node.metrics.UpstreamMetrics;
import org.idnode.node.upstream.UpstreamForwarder;
import org.idnode.node.stream.KafkaStream;
import org.idnode.protocol.stream.RegistrationEvent;
import org.idnode.protocol.stream.RegistrationEventCodec;
import org.idnode.node.stream.OutboxPublisher;
import org.idnode.node.metrics.StreamMetrics;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.message.ChallengeAnswerRequest;
import org.idnode.node.identity.NodeKeys;
import org.idnode.node.identity.SiteInfoFactory;
import org.idnode.node.metrics.AccessLog;
import org.idnode.node.metrics.AdminServer;
import org.idnode.node.metrics.Metrics;
import org.idnode.node.metrics.Readiness;
import org.idnode.node.metrics.RegistrationMetrics;
import org.idnode.node.service.HandleLister;
import org.idnode.node.service.HomedPrefixes;
import org.idnode.node.service.PrefixRecords;
import org.idnode.node.service.RequestObserver;
import org.idnode.node.service.RequestProcessor;
import org.idnode.node.service.Resolver;
import org.idnode.node.service.RsaResponseSigner;
import org.idnode.node.service.ServerFailures;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.HandleStore;
import org.idnode.node.storage.RocksHandleStore;
import org.idnode.node.transport.ConnectionLimiter;
import org.idnode.node.transport.Listeners;
import org.idnode.node.transport.TransportCounters.Rejection;
import org.idnode.node.transport.RestApi;
import org.idnode.protocol.codec.SiteInfoCodec;
import org.idnode.protocol.model.SiteInfo;

/**
 * Builds and runs a node: the one place where the parts are made and wired, by constructor, in
 * order (store, metrics, access log, sockets, admin port, site info, prefixes, request processing),
 * and taken down in reverse.
 */
public final class Node implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Node.class);
    private final NodeConfig config;
    private final HandleStore store;
    private final Listeners listeners;
    private final AdminServer admin;
    private final AccessLog accessLog;
    private final Metrics metrics;
    private final SiteInfo siteInfo;
    private final HandleKeys keys;
    private final HomedPrefixes homed;
    private final RequestProcessor processor;
    private final ServerFailures failures;
    private final KafkaStream stream;
    private final MirrorConsumer mirror;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    /** Everything to close, in the order it was opened. */
    private final List<AutoCloseable> opened;

    private Node(NodeConfig config, Parts p, SiteInfo siteInfo, HandleKeys keys, HomedPrefixes homed,
                 RequestProcessor processor, ServerFailures failures, KafkaStream stream, MirrorConsumer mirror) {
        this.failures = failures;
        this.stream = stream;
        this.mirror = mirror;
        this.config = config;
        this.store = p.store;
        this.listeners = p.listeners;
        this.admin = p.admin;
        this.accessLog = p.accessLog;
        this.metrics = p.metrics;
        this.opened = p.opened;
        this.siteInfo = siteInfo;
        this.keys = keys;
        this.homed = homed;
        this.processor = processor;
    }

    /** The parts with a lifetime, collected while starting so that a failure closes what was opened. */
    private static final class Parts {
        final List<AutoCloseable> opened = new ArrayList<>();
        RocksHandleStore store;
        Metrics metrics;
        AccessLog accessLog;
        Listeners listeners;
        AdminServer admin;
        GroupCommitter committer;
        Readiness readiness;

        <T extends AutoCloseable> T open(T part) {
            opened.add(part);
            return part;
        }
    }

    public static Node start(NodeConfig config) {
        config.validate();
        Parts p = new Parts();
        ServerFailures failures = new ServerFailures();
        try {
            // RocksDB statistics cost a little on every read: only kept when metrics are on.
            p.store = p.open(RocksHandleStore.open(config.dataDir().resolve("db"), config.blockCacheBytes(),
                    config.rowCacheBytes(), config.metrics()));
            RequestObserver observer = RequestObserver.NONE;
            if (config.metrics()) {
                p.metrics = p.open(new Metrics()).bindStorage(p.store.stats());
                observer = p.metrics.observer();
            }
            if (config.accessLog() != null) {
                p.accessLog = p.open(AccessLog.open(config.accessLog()));
                observer = RequestObserver.both(observer, p.accessLog);
                if (p.metrics != null) {
                    p.metrics.bind(p.accessLog);
                }
            }
            KeyPair key = NodeKeys.loadOrCreate(config.dataDir());
            Listeners listeners = p.listeners = p.open(new Listeners(config, failures));
            if (p.metrics != null) {
                p.metrics.bindRejections(listeners.counters()).bindBudgets(listeners);
            }
            if (config.adminPort() >= 0) {
                // Up before the listeners serve: /health answers and /ready says 503 while we start.
                RocksHandleStore rocks = p.store;
                Readiness readiness = p.readiness = new Readiness()
                        .add("storage", () -> rocks.isOpen() && failures.storageHealthy())
                        .add("listeners", listeners::serving)
                        .add("event_loops", listeners::eventLoopsRunning)
                        .add("budgets", listeners::budgetsAvailable);
                int adminMax = config.limits().adminMaxConnections();
                ConnectionLimiter adminConnections = new ConnectionLimiter(adminMax, adminMax,
                        Rejection.ADMIN_CONNECTIONS, Rejection.ADMIN_CONNECTIONS, listeners.counters(), null);
                p.admin = p.open(new AdminServer(config.adminBind(), config.adminPort(), p.metrics, readiness,
                        adminConnections, failures));
            }
            SiteInfo site = SiteInfoFactory.create(config.effectiveAdvertiseAddress(), listeners.tcpAddress().getPort(),
                    listeners.httpAddress().getPort(), config.siteSerial(), config.siteDescription(),
                    (RSAPublicKey) key.getPublic());
            HandleKeys keys = new HandleKeys(config.caseSensitiveSuffix());
            int now = (int) (System.currentTimeMillis() / 1000);
            byte[] adminKey = AdminKeys.read(config.auth().adminKeyFile());
            StreamSettings streamSettings = config.stream();
            if (streamSettings.mirror()) {
                if (!config.prefixes().isEmpty()) {
                    LOG.info("mirror: the prefixes homed here come from the primary's stream; config prefixes {} are not homed",
                            config.prefixes());
                }
            } else {
                long nowMillis = System.currentTimeMillis();
                for (String prefix : config.prefixes()) {
                    // Streaming: homing by configuration is a change like any other, so mirrors learn of it.
                    PrefixRecords.home(p.store, keys, prefix, site, now, adminKey, !streamSettings.enabled() ? record -> null
                            : record -> RegistrationEventCodec.encode(new RegistrationEvent(RegistrationEvent.Operation.HOME_PREFIX,
                            "0.NA/" + HandleKeys.normalizePrefix(prefix), record, nowMillis, "")));
                }
            }
            Set<String> prefixes = new TreeSet<>(p.store.homedPrefixes());
            HomedPrefixes homed = new HomedPrefixes(prefixes);
            Resolver resolver = new Resolver(p.store, keys, homed);
            // Registration: group commit, authentication and authorization (handle-protocol.md §14, §15).
            AuthSettings auth = config.auth();
            p.committer = p.open(new GroupCommitter(p.store, auth.commitBatch(), auth.commitQueue()));
            RocksHandleStore store = p.store;
            KeyValues localValues = handle -> {
                if (!homed.isResponsibleFor(handle)) {
                    return null;
                }
                byte[] record = store.get(keys.key(handle));
                return record == null ? null : StoredRecord.decode(record);
            };
            List<Identity> serverAdmins = auth.serverAdmins().stream().map(Identity::parse).toList();
            Authorizer authorizer = new Authorizer(serverAdmins, localValues, keys);
            SecureRandom random = new SecureRandom();
            Registrar.Mode mode = streamSettings.mirror() ? Registrar.Mode.MIRROR
                    : streamSettings.enabled() ? Registrar.Mode.STREAMING : Registrar.Mode.ALONE;
            Registrar registrar = new Registrar(p.committer, keys, homed, authorizer, System::currentTimeMillis, random, site, mode);
            Sessions sessions = new Sessions(auth.maxSessions(), auth.maxSessionLifetime(), System::nanoTime, random);
            Challenges<RequestProcessor.ChallengedRequest> challenges = new Challenges<>(auth.maxPendingChallenges(),
                    64L << 20, auth.challengeLifetime(), System::nanoTime, random, sessions);
            SeckeyAuthenticator seckeys = new SeckeyAuthenticator(localValues);
            Map<String, Authenticator> authenticators = Map.of(
                    ChallengeAnswerRequest.HS_PUBKEY, new PubkeyAuthenticator(localValues),
                    ChallengeAnswerRequest.HS_SECKEY, seckeys);
            CryptoWork crypto = p.open(new CryptoWork(Math.max(1, Runtime.getRuntime().availableProcessors()), 1024));
            HandleLister lister = new HandleLister(p.store, keys, homed, authorizer, auth.allowListHandles(),
                    auth.maxListedHandles());
            Map<Integer, OpHandler> handlers = Operations.all(SiteInfoCodec.encode(site), registrar, lister, homed,
                    sessions, seckeys, random, adminKey, crypto, key);
            KafkaStream stream = null;
            if (config.stream().enabled()) {
                String nodeId = config.stream().nodeId() != null ? config.stream().nodeId() : NodeKeys.fingerprint(key.getPublic());
                stream = p.open(KafkaStream.start(config.stream(), nodeId, p.store));
                p.committer.afterWrite(stream.publisher()::written);
                if (p.metrics != null) {
                    p.metrics.bind(new StreamMetrics(stream.publisher()));
                }
                if (p.readiness != null) {
                    OutboxPublisher publisher = stream.publisher();
                    long alarm = config.stream().outboxAlarmEvents();
                    p.readiness.add("stream", () -> publisher.depth() <= alarm);
                }
            }
            MirrorConsumer mirror = null;
            if (streamSettings.mirror()) {
                String clientId = "idnode-mirror-" + NodeKeys.fingerprint(key.getPublic());
                BadRecords bad = streamSettings.streamBadRecords().equals(StreamSettings.DEAD_LETTER)
                        ? p.open(BadRecords.deadLetter(streamSettings.mirrorOf(), streamSettings.deadLetterTopic(), clientId))
                        : BadRecords.skip();
                mirror = p.open(new MirrorConsumer(MirrorConsumer.kafka(streamSettings.mirrorOf(), clientId),
                        streamSettings.kafkaTopic(), p.store, keys, homed, bad)).start();
                if (p.metrics != null) {
                    p.metrics.bind(new MirrorMetrics(mirror));
                }
                if (p.readiness != null) {
                    MirrorConsumer m = mirror;
                    long maxLag = streamSettings.mirrorMaxLag().toMillis();
                    // Ready once bootstrapped, and while no further behind than mirrorMaxLag.
                    p.readiness.add("mirror", () -> m.caughtUp() && m.lagMillis() <= maxLag);
                }
            }
            if (streamSettings.upstream()) {
                String nodeId = streamSettings.nodeId() != null ? streamSettings.nodeId() : NodeKeys.fingerprint(key.getPublic());
                UpstreamForwarder upstream = p.open(new UpstreamForwarder(
                        UpstreamForwarder.kafka(streamSettings.bootstrapServers(), nodeId, streamSettings.upstreamBatch()),
                        streamSettings.kafkaTopic(), java.net.URI.create(streamSettings.upstreamUrl()),
                        streamSettings.upstreamTimeout())).start();
                if (p.metrics != null) {
                    p.metrics.bind(new UpstreamMetrics(upstream));
                }
            }
            RequestProcessor processor = new RequestProcessor(resolver, handlers, config.siteSerial(),
                    new RsaResponseSigner(key.getPrivate()), observer, failures, sessions, challenges, authenticators, authorizer, crypto);
            // REST sessions (§18) are apart from the binary protocol's: own table, same bound, own idle timeout.
            RestSessions restSessions = new RestSessions(auth.maxSessions(), auth.challengeLifetime(),
                    config.rest().restSessionTimeout(), System::nanoTime, random);
            RestApi.Writes restWrites = RestApi.Writes.of(registrar, lister, homed, authenticators, seckeys, restSessions,
                    config.rest(), failures, adminKey);
            listeners.serve(processor, new RestApi(resolver, site, observer, failures, restWrites));
            if (p.metrics != null) {
                p.metrics.bindFailures(failures).bind(new RegistrationMetrics(p.committer, p.store, sessions, challenges));
            }
            return new Node(config, p, site, keys, homed, processor, failures, stream, mirror);
        } catch (RuntimeException e) {
            try {
                closeAll(p.opened);
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    public NodeConfig config() {
        return config;
    }

    /** The mirror's consumer; null unless config mirrorOf is set. */
    public MirrorConsumer mirror() {
        return mirror;
    }

    /** The registration stream; null when config kafka is off. */
    public KafkaStream stream() {
        return stream;
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

    /** The HTTPS address; null when config httpsPort is -1. */
    public InetSocketAddress httpsAddress() {
        return listeners.httpsAddress();
    }

    /** The admin HTTP port (/metrics, /health, /ready); null when config adminPort is -1. */
    public InetSocketAddress adminAddress() {
        return admin == null ? null : admin.address();
    }

    /** Null when config metrics is false. */
    public Metrics metrics() {
        return metrics;
    }

    /** Null when config accessLog is off. */
    public AccessLog accessLog() {
        return accessLog;
    }

    public String transportName() {
        return listeners.transportName();
    }

    /** Failures of the node itself while answering (storage, bugs), counted. */
    public ServerFailures failures() {
        return failures;
    }

    /** The sockets, with their budgets and counters (for tests and metrics). */
    public Listeners listeners() {
        return listeners;
    }

    public long droppedDatagrams() {
        return listeners.counters().droppedDatagrams();
    }

    /**
     * Drains, then closes in reverse order of opening: first the listeners stop taking requests and
     * answer those already read, within shutdownGracePeriod, while the admin port still answers
     * /ready with 503; then the admin port (no scrape reads the store after this), the listeners,
     * the access log (writes what is queued), metrics, then the store. Safe to call twice.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            listeners.drain(config.shutdownGracePeriod());
            closeAll(opened);
        }
    }

    private static void closeAll(List<AutoCloseable> parts) {
        RuntimeException failure = null;
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}

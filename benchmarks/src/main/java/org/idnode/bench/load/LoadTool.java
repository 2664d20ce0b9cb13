package org.idnode.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.idnode.node.auth.Identity;
import org.idnode.protocol.auth.PrivateKeyFiles;
import org.idnode.protocol.client.ClientIdentity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The operators' load tool: drives a node with resolutions over udp, tcp, tcp-oneshot or http, or
 * with creates (and a mix of both) as an identity over tcp sessions or tcp-oneshot, checks every
 * reply, and reports throughput, errors by kind and latency percentiles, creates apart.
 * Exit status: 0 passed, 1 error ratio above --max-error-ratio (or nothing answered), 2 bad usage.
 * Run it from the benchmarks jar: {@code java -cp idnode-benchmarks.jar org.idnode.bench.load.LoadTool}.
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true, version = "idnode load tool 0.1.0",
        sortOptions = false, usageHelpWidth = 110,
        description = "Load a node with resolutions and/or creates and check every reply.",
        footer = {"", "Examples:",
                "  loadtest -t tcp --prefix 88.118.8 --count 1000000 --connections 8 --in-flight 32 --duration 30s",
                "  loadtest -t tcp --workload create --prefix 88.118.8 --connections 1 --in-flight 32 \\",
                "      --auth-id 300:0.NA/88.118.8 --auth-key admpriv.bin",
                "  loadtest -t tcp --workload mix --write-ratio 0.1 --prefix 88.118.8 --count 1000000 \\",
                "      --auth-id 300:0.NA/88.118.8 --auth-key admpriv.bin --auth-passphrase-file pass.txt",
                "  loadtest -t udp --prefix 88.118.8 --count 1000000 --rate 50000 --zipf 1.1 --miss-ratio 0.1",
                "  loadtest -t http --handles handles.txt --connections 64 --json report.json"})
public final class LoadTool implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-t", "--transport"}, paramLabel = "T", converter = TransportConverter.class, defaultValue = "tcp",
            description = "udp, tcp (kept alive, pipelined), tcp-oneshot (a connection per request), "
                    + "http (REST). Default: ${DEFAULT-VALUE}")
    Transport transport;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Node address. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "2641", description = "TCP/UDP port. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8000",
            description = "HTTP port. Default: ${DEFAULT-VALUE}")
    int httpPort;

    @Option(names = {"-c", "--connections"}, paramLabel = "C", defaultValue = "4",
            description = "Connections (udp: sockets; tcp-oneshot: connections open at once). Default: ${DEFAULT-VALUE}")
    int connections;

    @Option(names = "--in-flight", paramLabel = "N", defaultValue = "16",
            description = "Requests outstanding per connection, tcp and udp (http, tcp-oneshot: 1). Default: ${DEFAULT-VALUE}")
    int inFlight;

    @Option(names = {"-n", "--concurrency"}, paramLabel = "N",
            description = "Closed loop: N requests outstanding in total. Default: connections x in-flight.")
    Integer concurrency;

    @Option(names = {"-r", "--rate"}, paramLabel = "R",
            description = "Open loop: R requests/s at fixed intervals; latency counts from the scheduled time.")
    Double rate;

    @Option(names = {"-d", "--duration"}, paramLabel = "D", defaultValue = "30s", converter = DurationConverter.class,
            description = "Measured time. Default: ${DEFAULT-VALUE}")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "D", defaultValue = "5s", converter = DurationConverter.class,
            description = "Time before measuring (results discarded). Default: ${DEFAULT-VALUE}")
    Duration warmup;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "2s", converter = DurationConverter.class,
            description = "A request without a reply by then is an error. Default: ${DEFAULT-VALUE}")
    Duration timeout;

    @Option(names = "--handles", paramLabel = "FILE", description = "Handles to resolve, one per line.")
    Path handles;

    @Option(names = "--prefix", paramLabel = "P", description = "With --count: handles P/ID-%%09d, as idnode gen writes them.")
    String prefix;

    @Option(names = "--count", paramLabel = "N", description = "With --prefix: N ids from --start.")
    Long count;

    // idnode gen numbers its records from its own --start, 1 by default: the same default here.
    @Option(names = "--start", paramLabel = "S", defaultValue = "1",
            description = "With --prefix: the first id, as given to idnode gen. Default: ${DEFAULT-VALUE}")
    long start;

    @Option(names = "--zipf", paramLabel = "S", description = "Zipfian key choice with exponent S (> 0). Default: uniform.")
    Double zipf;

    @Option(names = "--miss-ratio", paramLabel = "X", defaultValue = "0",
            description = "Share of requests for absent handles (RC 100 expected). Default: ${DEFAULT-VALUE}")
    double missRatio;

    @Option(names = "--expect-values", paramLabel = "N", description = "Values a hit must carry. Default: not checked.")
    Integer expectValues;

    @Option(names = "--workload", paramLabel = "W", defaultValue = "read",
            description = "read (resolutions), create (a new handle per request: --prefix/LOAD-<run>-<n>), "
                    + "mix (reads and creates, --write-ratio). create and mix need -t tcp (a session per connection, "
                    + "pipelined) or tcp-oneshot (a challenge per create) and an identity. Default: ${DEFAULT-VALUE}")
    String workloadName;

    @Option(names = "--write-ratio", paramLabel = "X", defaultValue = "0.1",
            description = "With --workload mix: share of requests that create. Default: ${DEFAULT-VALUE}")
    double writeRatio;

    @Option(names = "--auth-id", paramLabel = "INDEX:HANDLE",
            description = "The identity that creates, e.g. 300:0.NA/88.118.8 (the node's adminKeyFile identity).")
    String authId;

    @Option(names = "--auth-key", paramLabel = "FILE", description = "Its private key: an admpriv.bin as idnode keygen writes it.")
    Path authKey;

    @Option(names = "--auth-passphrase-file", paramLabel = "FILE",
            description = "The passphrase of an encrypted --auth-key (one trailing newline is dropped).")
    Path authPassphraseFile;

    @Option(names = "--auth-secret-file", paramLabel = "FILE",
            description = "Or its HS_SECKEY secret (one trailing newline is dropped).")
    Path authSecretFile;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
    Path json;

    @Option(names = "--max-error-ratio", paramLabel = "X", defaultValue = "0.001",
            description = "Exit status 1 above this. Default: ${DEFAULT-VALUE}")
    double maxErrorRatio;

    @Option(names = "--threads", paramLabel = "T", description = "Event loop threads. Default: number of cores.")
    Integer threads;

    private final PrintStream out;
    private final PrintStream err;

    LoadTool(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs the tool; the report goes to {@code out}, progress and problems to {@code err}. */
    static int execute(PrintStream out, PrintStream err, String... args) {
        return new CommandLine(new LoadTool(out, err))
                .setOverwrittenOptionsAllowed(true) // the last of a repeated option wins, handy in scripts
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .execute(args);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Settings settings = settings();
        Report report;
        try {
            report = new LoadRun(settings, err).run();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        report.print(out, maxErrorRatio);
        if (json != null) {
            report.writeJson(json, maxErrorRatio);
        }
        return report.passed(maxErrorRatio) ? 0 : 1;
    }

    private Settings settings() {
        check(connections >= 1, "--connections: " + connections + " (expected: >= 1)");
        check(inFlight >= 1, "--in-flight: " + inFlight + " (expected: >= 1)");
        check(port > 0 && port < 65536 && httpPort > 0 && httpPort < 65536, "--port / --http-port: 1..65535");
        check(concurrency == null || rate == null, "--concurrency (closed loop) and --rate (open loop) exclude each other");
        check(rate == null || rate > 0, "--rate: " + rate + " (expected: > 0)");
        int window = transport.window(inFlight);
        int total = concurrency != null ? concurrency : (int) Math.min(Integer.MAX_VALUE, (long) connections * window);
        check(total >= 1, "--concurrency: " + total + " (expected: >= 1)");
        check((long) total <= (long) connections * window, "--concurrency: " + total + " is more than " + connections
                + " connection(s) x " + window + " in flight can carry (" + transport.label() + "); raise --connections"
                + (window > 1 || transport == Transport.TCP || transport == Transport.UDP ? " or --in-flight" : ""));
        check(duration.toNanos() > 0, "--duration: must be > 0");
        check(timeout.toNanos() > 0, "--timeout: must be > 0");
        check(zipf == null || zipf > 0, "--zipf: " + zipf + " (expected: > 0)");
        check(missRatio >= 0 && missRatio <= 1, "--miss-ratio: " + missRatio + " (expected: 0..1)");
        check(expectValues == null || expectValues >= 0, "--expect-values: " + expectValues + " (expected: >= 0)");
        check(maxErrorRatio >= 0 && maxErrorRatio <= 1, "--max-error-ratio: " + maxErrorRatio + " (expected: 0..1)");
        check(threads == null || threads >= 1, "--threads: " + threads + " (expected: >= 1)");
        double writes = switch (workloadName) {
            case "read" -> 0;
            case "create" -> 1;
            case "mix" -> writeRatio;
            default -> throw usage("--workload: " + workloadName + " (expected: read, create or mix)");
        };
        check(writes >= 0 && writes <= 1, "--write-ratio: " + writeRatio + " (expected: 0..1)");
        ClientIdentity identity = null;
        if (writes > 0) {
            check(transport == Transport.TCP || transport == Transport.TCP_ONESHOT,
                    "--workload " + workloadName + ": creates go over -t tcp (sessions) or tcp-oneshot, not " + transport.label());
            check(prefix != null && !prefix.isBlank() && prefix.indexOf('/') < 0,
                    "--workload " + workloadName + ": --prefix P names where handles are created (e.g. 88.118.8)");
            identity = identity();
        }
        Workload workload;
        try {
            workload = new Workload(writes >= 1 ? null : keys(), zipf == null ? 0 : zipf, missRatio, writes,
                    writes > 0 ? CreateNames.fresh(prefix) : null);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return new Settings(transport, host, port, httpPort, connections, inFlight, total, rate == null ? 0 : rate,
                duration, warmup, timeout, workload, expectValues == null ? -1 : expectValues,
                threads != null ? threads : Runtime.getRuntime().availableProcessors(), identity);
    }

    /** --auth-id with --auth-key (maybe --auth-passphrase-file) or --auth-secret-file. */
    private ClientIdentity identity() {
        check(authId != null, "creates need an identity: --auth-id INDEX:HANDLE with --auth-key FILE or --auth-secret-file FILE");
        Identity who;
        try {
            who = Identity.parse(authId);
        } catch (IllegalArgumentException e) {
            throw usage("--auth-id: " + e.getMessage());
        }
        String handle = who.handle();
        int index = who.index();
        check((authKey == null) != (authSecretFile == null), "give either --auth-key FILE or --auth-secret-file FILE");
        try {
            if (authSecretFile != null) {
                return ClientIdentity.secretKey(handle, index, chomp(Files.readAllBytes(authSecretFile)));
            }
            byte[] file = Files.readAllBytes(authKey);
            byte[] passphrase = authPassphraseFile == null ? null : chomp(Files.readAllBytes(authPassphraseFile));
            check(passphrase != null || !PrivateKeyFiles.requiresPassphrase(file),
                    "--auth-key " + authKey + " is encrypted: give --auth-passphrase-file FILE");
            return ClientIdentity.publicKey(handle, index, PrivateKeyFiles.read(file, passphrase));
        } catch (IOException e) {
            throw usage("identity: " + e);
        } catch (RuntimeException e) {
            if (e instanceof CommandLine.ParameterException p) {
                throw p;
            }
            throw usage("identity: " + e.getMessage());
        }
    }

    /** Drops one trailing newline (LF or CRLF), which editors and echo add to a one-line file. */
    static byte[] chomp(byte[] b) {
        int n = b.length;
        if (n > 0 && b[n - 1] == '\n') {
            n--;
            if (n > 0 && b[n - 1] == '\r') {
                n--;
            }
        }
        return java.util.Arrays.copyOf(b, n);
    }

    private KeySpace keys() {
        check(handles != null || prefix != null, "give either --handles FILE or --prefix P --count N");
        check(handles == null || prefix == null || !workloadName.equals("read"), "give either --handles FILE or --prefix P --count N");
        if (handles != null) {
            check(count == null, "--count goes with --prefix, not --handles");
            try {
                return KeySpace.fromFile(handles);
            } catch (IOException e) {
                throw usage("--handles: " + e.getMessage());
            }
        }
        check(count != null && count >= 1 && count <= Workload.MAX_KEYS,
                "--count: " + count + " (expected: 1.." + Workload.MAX_KEYS + ", with --prefix)");
        check(!prefix.isBlank() && prefix.indexOf('/') < 0, "--prefix: '" + prefix + "' (expected: a prefix such as 88.118.8)");
        check(start >= 0 && start <= Long.MAX_VALUE - count, "--start: " + start + " (expected: >= 0)");
        return KeySpace.generated(prefix, start, count);
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw usage(message);
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    static final class TransportConverter implements CommandLine.ITypeConverter<Transport> {
        @Override
        public Transport convert(String value) {
            try {
                return Transport.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}

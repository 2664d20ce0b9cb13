package org.idnode.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.idnode.node.config.ConfigLoader;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.client.ClientOptions;
import org.idnode.protocol.client.HandleClient;
import org.idnode.protocol.client.Transport;
import org.idnode.protocol.message.ErrorResponse;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.ReferralResponse;
import org.idnode.protocol.message.ResolutionRequest;
import org.idnode.protocol.message.ResolutionResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code idnode resolve}: one resolution against a node (or any Handle server), for operators and scripts. */
@Command(name = "resolve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Resolve a handle over UDP, TCP or binary HTTP and print the values.",
                "",
                "Filters: --type and --index select values; a value is shown if its index OR its type matches "
                        + "(handle-protocol.md §8.2); a type ending in '.' also matches its subtypes.",
                "Exit status: 0 RC_SUCCESS, 1 another Handle response code (name and message printed), "
                        + "2 bad usage or no reply (network error, timeout)."})
final class ResolveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HANDLE", description = "The handle, e.g. 88.118.8/PUMP-2024-000017.")
    String handle;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "2641", description = "UDP and TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--http-port", defaultValue = "8000", description = "HTTP port for --via http (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--via", defaultValue = "udp", description = "udp (default), tcp or http.")
    Transport via;

    @Option(names = "--type", paramLabel = "T", description = "Only values of this type (repeatable).")
    List<String> types = new ArrayList<>();

    @Option(names = "--index", paramLabel = "I", description = "Only the value with this index (repeatable).")
    List<Integer> indexes = new ArrayList<>();

    @Option(names = "--timeout", defaultValue = "5s", description = "Bound on the whole exchange, retries included (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration limit;
        try {
            limit = ConfigLoader.parseDuration(timeout);
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException(timeout);
            }
        } catch (IllegalArgumentException e) {
            err.println("idnode resolve: --timeout: " + timeout + " (expected: a duration such as 500ms, 5s or 1m)");
            return 2;
        }
        int p = via == Transport.HTTP ? httpPort : port;
        if (p < 1 || p > 65535) {
            err.println("idnode resolve: port " + p + " (expected: 1..65535)");
            return 2;
        }
        InetSocketAddress server = new InetSocketAddress(host, p);
        HandleClient client = new HandleClient(ClientOptions.defaults().withTimeout(limit));
        Message reply;
        try {
            reply = client.resolve(via, server, new ResolutionRequest(handle, indexes, types));
        } catch (IOException e) {
            err.println("idnode resolve: no answer from " + host + ":" + p + " over " + name(via) + ": " + describe(e));
            return 2;
        } catch (ProtocolException e) {
            err.println("idnode resolve: unreadable answer from " + host + ":" + p + ": " + e.getMessage());
            return 2;
        }
        int rc = reply.header().responseCode();
        String code = ResponseCodes.name(rc) + " (" + rc + ")";
        if (rc == ResponseCodes.SUCCESS && reply.body() instanceof ResolutionResponse r) {
            out.println(code + " " + r.handle() + ": " + r.values().size() + (r.values().size() == 1 ? " value" : " values"));
            ValueTable.print(out, r.values());
            out.flush();
            return 0;
        }
        if (reply.body() instanceof ErrorResponse e) {
            out.println(code + (e.message().isEmpty() ? "" : ": " + e.message()));
        } else if (reply.body() instanceof ReferralResponse ref) {
            out.println(code + ": referral to " + (ref.referralHandle().isEmpty() ? "(values below)" : ref.referralHandle()));
            if (ref.values() != null) {
                ValueTable.print(out, ref.values());
            }
        } else {
            out.println(code);
        }
        out.flush();
        return 1;
    }

    private static String name(Transport t) {
        return t.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String describe(IOException e) {
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

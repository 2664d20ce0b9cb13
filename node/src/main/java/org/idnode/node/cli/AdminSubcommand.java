package org.idnode.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.client.AdminClient;
import org.idnode.protocol.message.ErrorResponse;
import org.idnode.protocol.message.Message;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code idnode admin} command does around its one request: connect as the identity,
 * and turn the outcome into an exit status: 0 done, 1 refused by the node (its RC and message on
 * stderr: {@code RC 400 INVALID_ADMIN: ...}) or no answer, 2 bad usage (picocli's).
 */
abstract class AdminSubcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AdminConnection connection;

    /** Sends the command's request(s); returns the exit status. */
    abstract int run(AdminClient client, InetSocketAddress server, PrintWriter out) throws IOException;

    @Override
    public final Integer call() {
        InetSocketAddress server = connection.address();
        AdminClient client = connection.client();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            int exit = run(client, server, out);
            out.flush();
            return exit;
        } catch (IOException e) {
            err.println(connection.command() + ": no answer from " + connection.server + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (ProtocolException e) {
            // Our side refused: an unreadable reply, or a challenge we would not sign (§14).
            err.println(connection.command() + ": RC " + e.responseCode() + " " + shortName(e.responseCode()) + ": " + e.getMessage());
        }
        err.flush();
        return 1;
    }

    /** True for RC 1; else prints the node's refusal and returns false. */
    final boolean succeeded(Message reply) {
        int rc = reply.header().responseCode();
        if (rc == ResponseCodes.SUCCESS) {
            return true;
        }
        String message = reply.body() instanceof ErrorResponse e ? e.message() : "";
        if (rc == ResponseCodes.AUTHENTICATION_NEEDED) {
            message = "the node asks who you are: give --id INDEX:HANDLE with --key FILE or --secret-file FILE";
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println(connection.command() + ": RC " + rc + " " + shortName(rc) + (message.isEmpty() ? "" : ": " + message));
        err.flush();
        return false;
    }

    /** {@code INVALID_ADMIN} for 400: the name without its {@code RC_}. */
    static String shortName(int rc) {
        String n = ResponseCodes.name(rc);
        return n.startsWith("RC_") ? n.substring(3) : n;
    }

    /** A prefix as the node names it: {@code 0.NA/P} (§8.5); given either way. */
    static String prefixHandle(String prefix) {
        return prefix.regionMatches(true, 0, "0.NA/", 0, 5) ? prefix : "0.NA/" + prefix;
    }
}

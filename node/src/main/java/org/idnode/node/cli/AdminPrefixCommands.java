package org.idnode.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.List;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.client.AdminClient;
import org.idnode.protocol.client.Requests;
import org.idnode.protocol.client.Transport;
import org.idnode.protocol.message.HomePrefixRequest;
import org.idnode.protocol.message.ListPrefixesRequest;
import org.idnode.protocol.message.ListPrefixesResponse;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.UnhomePrefixRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Home, unhome and list the node's prefixes (OC 300-302, §8.5): a server administrator's business. */
final class AdminPrefixCommands {
    private AdminPrefixCommands() {
    }

    @Command(name = "home-prefix", mixinStandardHelpOptions = true, description = "Make the node serve a prefix (OC 300).")
    static final class Home extends AdminSubcommand {
        @Parameters(paramLabel = "PREFIX", description = "e.g. 88.118.9 (or 0.NA/88.118.9).")
        String prefix;

        @Override
        int run(AdminClient client, InetSocketAddress server, PrintWriter out) throws IOException {
            String p = prefixHandle(prefix);
            if (!succeeded(client.send(Transport.TCP, server, OpCodes.HOME_NA, new HomePrefixRequest(p), 0, p))) {
                return 1;
            }
            out.println("homed " + p);
            return 0;
        }
    }

    @Command(name = "unhome-prefix", mixinStandardHelpOptions = true, description = "Stop serving a prefix (OC 301).")
    static final class Unhome extends AdminSubcommand {
        @Parameters(paramLabel = "PREFIX", description = "e.g. 88.118.9 (or 0.NA/88.118.9).")
        String prefix;

        @Override
        int run(AdminClient client, InetSocketAddress server, PrintWriter out) throws IOException {
            String p = prefixHandle(prefix);
            if (!succeeded(client.send(Transport.TCP, server, OpCodes.UNHOME_NA, new UnhomePrefixRequest(p), 0, p))) {
                return 1;
            }
            out.println("unhomed " + p);
            return 0;
        }
    }

    @Command(name = "list-prefixes", mixinStandardHelpOptions = true,
            description = "Print the prefixes the node serves, one a line (OC 302).")
    static final class ListPrefixes extends AdminSubcommand {
        @Override
        int run(AdminClient client, InetSocketAddress server, PrintWriter out) throws IOException {
            Message request = Requests.request(Requests.newRequestId(), OpCodes.LIST_HOMED_NAS, new ListPrefixesRequest("/"),
                    org.idnode.protocol.OpFlags.CLIENT_DEFAULT);
            List<Message> replies = client.sendListing(server, request);
            for (Message m : replies) {
                if (!succeeded(m)) {
                    return 1;
                }
                for (String name : ((ListPrefixesResponse) m.body()).prefixHandles()) {
                    out.println(name);
                }
            }
            return 0;
        }
    }
}

package org.idnode.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.List;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.client.AdminClient;
import org.idnode.protocol.client.Requests;
import org.idnode.protocol.client.Transport;
import org.idnode.protocol.message.DeleteHandleRequest;
import org.idnode.protocol.message.ListHandlesRequest;
import org.idnode.protocol.message.ListHandlesResponse;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.RemoveValueRequest;
import org.idnode.protocol.message.ResolutionRequest;
import org.idnode.protocol.message.ResolutionResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Remove values, delete a handle, list a prefix's handles, get a handle's values (OC 103, 101, 105, 1). */
final class AdminHandleCommands {
    private AdminHandleCommands() {
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove values of a handle by index (OC 103).")
    static final class Remove extends AdminSubcommand {
        @Parameters(paramLabel = "HANDLE")
        String handle;

        @Option(names = "--index", paramLabel = "N", required = true, description = "Index of a value to remove (repeatable).")
        List<Integer> indexes;

        @Override
        int run(AdminClient client, InetSocketAddress server, PrintWriter out) throws IOException {
            if (!succeeded(client.send(Transport.TCP, server, OpCodes.REMOVE_VALUE, new RemoveValueRequest(handle, indexes), 0, handle))) {
                return 1;
            }
            out.println("removed " + indexes.size() + (indexes.size() == 1 ? " value" : " values") + " from " + handle);
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a handle and all its values (OC 101).")
    static final class Delete extends AdminSubcommand {
        @Parameters(paramLabel = "HANDLE")
        String handle;

        @Override
        int run(AdminClient client, InetSocketAddress server, PrintWriter out) throws IOException {
            if (!succeeded(client.send(Transport.TCP, server, OpCodes.DELETE_HANDLE, new DeleteHandleRequest(handle), 0, handle))) {
                return 1;
            }
            out.println("deleted " + handle);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the handles under a prefix, one a line (OC 105).")
    static final class ListHandles extends AdminSubcommand {
        @Parameters(paramLabel = "PREFIX", description = "e.g. 88.118.8 (or 0.NA/88.118.8).")
        String prefix;

        @Override
        int run(AdminClient client, InetSocketAddress server, PrintWriter out) throws IOException {
            Message request = Requests.request(Requests.newRequestId(), OpCodes.LIST_HANDLES,
                    new ListHandlesRequest(prefixHandle(prefix)), OpFlags.CLIENT_DEFAULT);
            for (Message m : client.sendListing(server, request)) {
                if (!succeeded(m)) {
                    return 1;
                }
                for (String name : ((ListHandlesResponse) m.body()).handles()) {
                    out.println(name);
                }
            }
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = {"Print a handle's values.",
            "With --id every value, restricted ones too (the node may challenge); without, the public ones."})
    static final class Get extends AdminSubcommand {
        @Parameters(paramLabel = "HANDLE")
        String handle;

        @Override
        int run(AdminClient client, InetSocketAddress server, PrintWriter out) throws IOException {
            // PO asks for public values only (§4): only worth dropping when we can prove who we are.
            int flags = client.identity() == null ? OpFlags.CLIENT_DEFAULT : OpFlags.CLIENT_DEFAULT & ~OpFlags.PO;
            Message request = Requests.request(Requests.newRequestId(), OpCodes.RESOLUTION, ResolutionRequest.all(handle), flags);
            Message reply = client.send(Transport.TCP, server, request, handle);
            if (!succeeded(reply)) {
                return 1;
            }
            ResolutionResponse r = (ResolutionResponse) reply.body();
            out.println(r.handle() + ": " + r.values().size() + (r.values().size() == 1 ? " value" : " values"));
            ValueTable.print(out, r.values());
            return 0;
        }
    }
}

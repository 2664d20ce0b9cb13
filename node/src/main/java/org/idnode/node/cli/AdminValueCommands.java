package org.idnode.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.client.AdminClient;
import org.idnode.protocol.client.ClientIdentity;
import org.idnode.protocol.client.Transport;
import org.idnode.protocol.codec.AdminRecordCodec;
import org.idnode.protocol.message.AddValueRequest;
import org.idnode.protocol.message.CreateHandleRequest;
import org.idnode.protocol.message.CreateHandleResponse;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.ModifyValueRequest;
import org.idnode.protocol.model.AdminRecord;
import org.idnode.protocol.model.HandleValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Create a handle, add values to one, modify its values (OC 100, 102, 104; §8.4). */
final class AdminValueCommands {
    private AdminValueCommands() {
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = {"Create a handle (OC 100).",
            "With --admin, the identity (--id) gets an HS_ADMIN value on it, so it can change and delete it later."})
    static final class Create extends AdminSubcommand {
        @Parameters(paramLabel = "HANDLE", description = "e.g. 88.118.8/PUMP-1; with --mint the prefix and a slash, 88.118.8/.")
        String handle;

        @Option(names = "--value", paramLabel = "INDEX:TYPE:TEXT", converter = ValueSpec.class,
                description = "A value (repeatable), e.g. 1:URL:https://factory.example.com/pump/1.")
        List<HandleValue> values = new ArrayList<>();

        @Option(names = "--admin", description = "Add an HS_ADMIN naming the identity (all handle permissions).")
        boolean admin;

        @Option(names = "--admin-index", paramLabel = "N", defaultValue = "100",
                description = "Index of that HS_ADMIN (default: ${DEFAULT-VALUE}).")
        int adminIndex;

        @Option(names = "--overwrite", description = "Replace the handle if it exists (OVRW).")
        boolean overwrite;

        @Option(names = "--mint", description = "Let the node choose the suffix (MINT); prints the handle made.")
        boolean mint;

        @Override
        int run(AdminClient client, InetSocketAddress server, PrintWriter out) throws IOException {
            List<HandleValue> all = new ArrayList<>(values);
            if (admin) {
                ClientIdentity id = client.identity();
                if (id == null) {
                    throw connection.usage("--admin names the identity: give --id INDEX:HANDLE");
                }
                all.add(HandleValue.of(adminIndex, "HS_ADMIN",
                        AdminRecordCodec.encode(new AdminRecord(AdminRecord.HANDLE_DEFAULT, id.handle(), id.index()))));
            }
            if (all.isEmpty()) {
                throw connection.usage("a handle needs values: give --value INDEX:TYPE:TEXT and/or --admin");
            }
            int flags = (overwrite ? OpFlags.OVRW : 0) | (mint ? OpFlags.MINT : 0);
            Message reply = client.send(Transport.TCP, server, OpCodes.CREATE_HANDLE, new CreateHandleRequest(handle, all), flags, handle);
            if (!succeeded(reply)) {
                return 1;
            }
            // [CNRI] the reply names the handle as created (minted); an RFC server names none.
            String made = reply.body() instanceof CreateHandleResponse c && c.handle() != null && !c.handle().isEmpty()
                    ? c.handle() : handle;
            out.println("created " + made + " (" + all.size() + (all.size() == 1 ? " value)" : " values)"));
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add values to a handle (OC 102).")
    static final class Add extends AdminSubcommand {
        @Parameters(paramLabel = "HANDLE")
        String handle;

        @Option(names = "--value", paramLabel = "INDEX:TYPE:TEXT", converter = ValueSpec.class, required = true,
                description = "A value to add (repeatable).")
        List<HandleValue> values;

        @Option(names = "--overwrite", description = "Replace values already at those indexes (OVRW).")
        boolean overwrite;

        @Override
        int run(AdminClient client, InetSocketAddress server, PrintWriter out) throws IOException {
            if (!succeeded(client.send(Transport.TCP, server, OpCodes.ADD_VALUE, new AddValueRequest(handle, values),
                    overwrite ? OpFlags.OVRW : 0, handle))) {
                return 1;
            }
            out.println("added " + values.size() + (values.size() == 1 ? " value" : " values") + " to " + handle);
            return 0;
        }
    }

    @Command(name = "modify", mixinStandardHelpOptions = true, description = "Replace values of a handle, matched by index (OC 104).")
    static final class Modify extends AdminSubcommand {
        @Parameters(paramLabel = "HANDLE")
        String handle;

        @Option(names = "--value", paramLabel = "INDEX:TYPE:TEXT", converter = ValueSpec.class, required = true,
                description = "The new value at its index (repeatable).")
        List<HandleValue> values;

        @Override
        int run(AdminClient client, InetSocketAddress server, PrintWriter out) throws IOException {
            if (!succeeded(client.send(Transport.TCP, server, OpCodes.MODIFY_VALUE, new ModifyValueRequest(handle, values), 0, handle))) {
                return 1;
            }
            out.println("modified " + values.size() + (values.size() == 1 ? " value" : " values") + " of " + handle);
            return 0;
        }
    }
}

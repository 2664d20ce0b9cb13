package org.idnode.node.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code idnode admin}: administer a running node over TCP as an identity (§8.4, §8.5, §14). */
@Command(name = "admin", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Administer a running node over the Handle protocol (TCP) as an identity.",
                "Each command sends one request; when the node challenges it, the challenge is answered with "
                        + "--key (HS_PUBKEY) or --secret-file (HS_SECKEY).",
                "Exit status: 0 done, 1 refused by the node (its RC, name and message on stderr) or no answer, "
                        + "2 bad usage."},
        footer = {"", "Examples:",
                "  idnode admin create 88.118.8/PUMP-1 --value 1:URL:https://factory.example.com/pump/1 --admin \\",
                "      --id 300:0.NA/88.118.8 --key keys/admpriv.bin --passphrase-file pass.txt",
                "  idnode admin list 88.118.8 --id 300:0.NA/88.118.8 --key keys/admpriv.bin",
                "  idnode admin home-prefix 88.118.9 --server 10.0.0.5:2641 --id 300:0.NA/88.118.8 --key keys/admpriv.bin"},
        subcommands = {AdminPrefixCommands.Home.class, AdminPrefixCommands.Unhome.class, AdminPrefixCommands.ListPrefixes.class,
                AdminValueCommands.Create.class, AdminValueCommands.Add.class, AdminValueCommands.Modify.class,
                AdminHandleCommands.Remove.class, AdminHandleCommands.Delete.class, AdminHandleCommands.ListHandles.class,
                AdminHandleCommands.Get.class})
final class AdminCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "idnode admin: which command? (" 
                + String.join(", ", spec.subcommands().keySet()) + ")");
    }
}

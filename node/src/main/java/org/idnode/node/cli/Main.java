package org.idnode.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar idnode.jar <command>}: the node's command line. */
@Command(name = "idnode", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Secondary node of an industrial identifier resolution system (Handle protocol).",
        subcommands = {RunCommand.class, ImportCommand.class, GenCommand.class, ResolveCommand.class, CheckCommand.class,
                KeygenCommand.class, AdminCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }
}

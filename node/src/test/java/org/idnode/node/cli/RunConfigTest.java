package org.idnode.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.idnode.node.config.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code run}'s precedence: flag > environment > file > default; and --version from the build. */
class RunConfigTest {
    @TempDir
    Path dir;

    static NodeConfig configOf(Map<String, String> env, String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run.config(env);
    }

    @Test
    void aFlagWinsOverTheEnvironmentWhichWinsOverTheFile() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "port: 2700\nhttpPort: 8100\nadminPort: 9700\nprefixes: [88.1]\n");
        NodeConfig c = configOf(Map.of("IDNODE_HTTP_PORT", "8200", "IDNODE_ADMIN_PORT", "9800"),
                "--config", file.toString(), "--admin-port", "9900", "--prefix", "88.2");
        assertEquals(2700, c.port(), "file");
        assertEquals(8200, c.httpPort(), "environment over file");
        assertEquals(9900, c.adminPort(), "flag over environment");
        assertEquals(List.of("88.1", "88.2"), c.prefixes(), "--prefix adds to the configured prefixes");
    }

    @Test
    void versionIsTheBuildsVersion() {
        String expected = System.getProperty("idnode.version");
        assertTrue(expected != null && !expected.isBlank(), "the build passes idnode.version");
        Cli.Result r = Cli.run("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("idnode " + expected + " "), r.out());
    }
}

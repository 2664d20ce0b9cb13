package org.idnode.node.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.idnode.node.config.ConfigLoader;
import org.idnode.node.auth.Identity;
import org.idnode.protocol.auth.PrivateKeyFiles;
import org.idnode.protocol.client.AdminClient;
import org.idnode.protocol.client.ClientIdentity;
import org.idnode.protocol.client.ClientOptions;
import org.idnode.protocol.client.HandleClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every {@code idnode admin} command shares: which node (TCP, §2) and who we are to it
 * (§14): an identity handle and index with its private key file (admpriv.bin) or its secret.
 */
final class AdminConnection {
    /** Key, passphrase and secret files are small; anything bigger is not one of them. */
    static final int MAX_FILE = 64 * 1024;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--server", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:2641",
            description = "The node's TCP address (default: ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--id", paramLabel = "INDEX:HANDLE",
            description = "Who you are, e.g. 300:0.NA/88.118.8 (the node's adminKeyFile identity).")
    String id;

    @Option(names = "--key", paramLabel = "FILE", description = "The identity's private key: admpriv.bin as idnode keygen writes it.")
    Path key;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "Passphrase of an encrypted --key: the file's first line (else asked on the terminal).")
    Path passphraseFile;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "Or the identity's HS_SECKEY secret: the file's first line.")
    Path secretFile;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "10s",
            description = "Bound on each exchange with the node (default: ${DEFAULT-VALUE}).")
    String timeout;

    /** "idnode admin create", for messages. */
    String command() {
        return "idnode admin " + mixee.name();
    }

    InetSocketAddress address() {
        int colon = server.lastIndexOf(':');
        String host = colon > 0 ? server.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1); // [::1]:2641
        }
        int port;
        try {
            port = Integer.parseInt(server.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw usage("--server: '" + server + "' (expected: HOST:PORT, e.g. 127.0.0.1:2641)");
        }
        return new InetSocketAddress(host, port);
    }

    /** The identity given, or null when none was (requests then go anonymously). */
    ClientIdentity identity() {
        if (id == null) {
            if (key != null || secretFile != null) {
                throw usage("--key and --secret-file go with --id INDEX:HANDLE");
            }
            return null;
        }
        Identity who;
        try {
            who = Identity.parse(id);
        } catch (IllegalArgumentException e) {
            throw usage("--id: " + e.getMessage());
        }
        String handle = who.handle();
        int index = who.index();
        if ((key == null) == (secretFile == null)) {
            throw usage("--id needs either --key FILE or --secret-file FILE");
        }
        try {
            if (secretFile != null) {
                return ClientIdentity.secretKey(handle, index, firstLine(secretFile, "--secret-file"));
            }
            byte[] file = read(key, "--key");
            byte[] passphrase = PrivateKeyFiles.requiresPassphrase(file) ? passphrase() : null;
            try {
                return ClientIdentity.publicKey(handle, index, PrivateKeyFiles.read(file, passphrase));
            } finally {
                if (passphrase != null) {
                    Arrays.fill(passphrase, (byte) 0);
                }
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        } catch (org.idnode.protocol.ProtocolException e) {
            throw usage("--key " + key + ": " + e.getMessage());
        }
    }

    AdminClient client() {
        Duration limit;
        try {
            limit = ConfigLoader.parseDuration(timeout);
        } catch (IllegalArgumentException e) {
            limit = Duration.ZERO;
        }
        if (limit.isNegative() || limit.isZero()) {
            throw usage("--timeout: " + timeout + " (expected: a duration such as 500ms, 5s or 1m)");
        }
        return new AdminClient(new HandleClient(ClientOptions.defaults().withTimeout(limit)), identity(), null);
    }

    private byte[] passphrase() {
        if (passphraseFile != null) {
            return firstLine(passphraseFile, "--passphrase-file");
        }
        Console console = System.console();
        if (console == null) {
            throw usage("--key " + key + " is encrypted: give --passphrase-file FILE (no terminal to ask on)");
        }
        char[] typed = console.readPassword("Passphrase for %s: ", key);
        if (typed == null) {
            throw usage("no passphrase given for --key " + key);
        }
        try {
            return new String(typed).getBytes(StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(typed, '\0');
        }
    }

    /** The file's first line as octets, without its line end (a file made with echo has one). */
    private byte[] firstLine(Path file, String option) {
        byte[] b = read(file, option);
        int end = 0;
        while (end < b.length && b[end] != '\n' && b[end] != '\r') {
            end++;
        }
        if (end == 0) {
            throw usage(option + " " + file + ": its first line is empty");
        }
        return Arrays.copyOf(b, end);
    }

    private byte[] read(Path file, String option) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(MAX_FILE + 1);
            if (b.length > MAX_FILE) {
                throw usage(option + " " + file + ": longer than " + MAX_FILE + " octets");
            }
            return b;
        } catch (IOException e) {
            throw usage(option + " " + file + ": " + (e instanceof java.nio.file.NoSuchFileException ? "not found" : e));
        }
    }

    ParameterException usage(String message) {
        return new ParameterException(mixee.commandLine(), command() + ": " + message);
    }
}

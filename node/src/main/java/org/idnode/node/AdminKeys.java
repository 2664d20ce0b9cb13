package org.idnode.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.idnode.node.config.ConfigException;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.auth.PublicKeys;

/** Reads the configured administrator key ({@code adminKeyFile}): HS_PUBKEY octets, as {@code idnode keygen} writes admpub.bin. */
final class AdminKeys {
    private AdminKeys() {
    }

    /** The key's HS_PUBKEY octets, or null when none is configured; a file that is not a key stops the start. */
    static byte[] read(Path file) {
        if (file == null) {
            return null;
        }
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("adminKeyFile " + file + ": " + e.getMessage(), e);
        }
        try {
            PublicKeys.decode(b);
        } catch (ProtocolException | IllegalArgumentException e) {
            throw new ConfigException("adminKeyFile", file, "an HS_PUBKEY file such as idnode keygen's admpub.bin ("
                    + e.getMessage() + ")");
        }
        return b;
    }
}

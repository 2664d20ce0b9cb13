package org.idnode.node.config;

import static org.idnode.node.config.Checks.positive;
import static org.idnode.node.config.Checks.range;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Who may change what, and what authentication may cost the node (handle-protocol.md §14, §15).
 * Keys are flat in the YAML file, beside the others.
 *
 * @param serverAdmins          identities ({@code index:handle}) allowed everything, including home, unhome and
 *                              list prefixes (§14: CNRI's {@code server_admins}); their keys must live here
 * @param adminKeyFile          an HS_PUBKEY file ({@code idnode keygen}'s {@code admpub.bin}) put at index 300 of each
 *                              homed prefix handle that has no key there yet: the prefix administrator of a new node
 * @param challengeLifetime     how long a challenge may be answered (§14: CNRI's {@code max_auth_time}, 20 s)
 * @param maxPendingChallenges  bound on challenges awaiting an answer
 * @param maxSessions           bound on open sessions (§15)
 * @param maxSessionLifetime    cap on the lifetime a client asks for at session setup (§8.8: default 24 h)
 * @param allowListHandles      CNRI's {@code allow_list_hdls}: whether OC 105 is served
 * @param maxListedHandles      bound on handles one list request returns
 * @param commitBatch           bound on registrations that share one synced write (group commit)
 * @param commitQueue           bound on registrations waiting for their write; more are refused (RC 3)
 */
public record AuthSettings(
        List<String> serverAdmins,
        Path adminKeyFile,
        Duration challengeLifetime,
        int maxPendingChallenges,
        int maxSessions,
        Duration maxSessionLifetime,
        boolean allowListHandles,
        int maxListedHandles,
        int commitBatch,
        int commitQueue) {

    public AuthSettings {
        serverAdmins = serverAdmins == null ? List.of() : List.copyOf(serverAdmins);
    }

    public static AuthSettings defaults() {
        return new AuthSettings(List.of(), null, Duration.ofSeconds(20), 10_000, 10_000, Duration.ofHours(24),
                true, 100_000, 512, 20_000);
    }

    public AuthSettings withServerAdmins(List<String> v) {
        return new AuthSettings(v, adminKeyFile, challengeLifetime, maxPendingChallenges, maxSessions,
                maxSessionLifetime, allowListHandles, maxListedHandles, commitBatch, commitQueue);
    }

    public AuthSettings withAdminKeyFile(Path v) {
        return new AuthSettings(serverAdmins, v, challengeLifetime, maxPendingChallenges, maxSessions,
                maxSessionLifetime, allowListHandles, maxListedHandles, commitBatch, commitQueue);
    }

    /** Throws {@link ConfigException} naming the first key out of range. */
    public AuthSettings validate() {
        for (String a : serverAdmins) {
            int colon = a.indexOf(':');
            boolean ok = colon > 0 && colon < a.length() - 1 && a.substring(0, colon).chars().allMatch(Character::isDigit)
                    && colon <= 10 && a.indexOf('/', colon) > colon + 1;
            if (!ok) {
                throw new ConfigException("serverAdmins", a, "index:handle, e.g. 300:0.NA/88.118.8");
            }
        }
        if (adminKeyFile != null && !Files.isRegularFile(adminKeyFile)) {
            throw new ConfigException("adminKeyFile", adminKeyFile, "an existing HS_PUBKEY file (idnode keygen writes admpub.bin)");
        }
        positive("challengeLifetime", challengeLifetime);
        range("maxPendingChallenges", maxPendingChallenges, 1, 10_000_000);
        range("maxSessions", maxSessions, 1, 10_000_000);
        positive("maxSessionLifetime", maxSessionLifetime);
        range("maxListedHandles", maxListedHandles, 1, 100_000_000);
        range("commitBatch", commitBatch, 1, 100_000);
        range("commitQueue", commitQueue, commitBatch, 10_000_000);
        return this;
    }
}

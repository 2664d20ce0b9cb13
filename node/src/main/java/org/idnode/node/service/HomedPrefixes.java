package org.idnode.node.service;

import java.util.Set;
import org.idnode.node.storage.HandleKeys;

/**
 * The prefixes this node is responsible for, as an immutable set swapped whole on change, so the
 * hot path reads it without a lock. Names are upper-cased (prefixes are case-insensitive, §12).
 */
public final class HomedPrefixes {
    private volatile Set<String> prefixes;

    public HomedPrefixes(Set<String> initial) {
        this.prefixes = Set.copyOf(initial);
    }

    public Set<String> all() {
        return prefixes;
    }

    public void replace(Set<String> next) {
        prefixes = Set.copyOf(next);
    }

    /** Whether a handle lives here: its prefix is homed, or it is the prefix handle {@code 0.NA/P} of a homed P. */
    public boolean isResponsibleFor(String handle) {
        int slash = handle.indexOf('/');
        if (slash < 0) {
            return contains(handle);
        }
        String prefix = handle.substring(0, slash);
        if (prefix.equalsIgnoreCase("0.NA")) {
            return contains(handle.substring(slash + 1));
        }
        return contains(prefix);
    }

    private boolean contains(String prefix) {
        Set<String> p = prefixes;
        return p.contains(prefix) || p.contains(HandleKeys.normalizePrefix(prefix));
    }
}

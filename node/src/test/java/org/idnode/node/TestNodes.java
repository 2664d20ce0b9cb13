package org.idnode.node;

import java.nio.file.Path;
import java.util.List;
import org.idnode.node.config.NodeConfig;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.model.HandleValue;

/** Starts nodes for tests: ephemeral loopback ports (admin port too), real RocksDB in the given folder. */
public final class TestNodes {
    private TestNodes() {
    }

    public static Node start(Path dir, String... prefixes) {
        return Node.start(config(dir, prefixes));
    }

    /** The config {@link #start} uses, to change further. */
    public static NodeConfig config(Path dir, String... prefixes) {
        return NodeConfig.defaults().withDataDir(dir).withPorts(0, 0).withAdminPort(0).withPrefixes(List.of(prefixes));
    }

    public static void put(Node node, String handle, List<HandleValue> values) {
        node.store().apply(org.idnode.node.storage.StoreChange.put(node.keys().key(handle), StoredRecord.encode(values)));
    }
}

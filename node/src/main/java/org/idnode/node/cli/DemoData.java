package org.idnode.node.cli;

import java.util.List;
import org.idnode.node.Node;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.model.HandleValue;

/** A few sample identifiers for a first look at a fresh node ({@code run --demo}). */
final class DemoData {
    private DemoData() {
    }

    static void load(Node node) {
        int now = (int) (System.currentTimeMillis() / 1000);
        for (String prefix : node.homedPrefixes()) {
            for (int i = 1; i <= 3; i++) {
                String handle = prefix + "/PUMP-2024-" + String.format("%06d", 16 + i);
                byte[] key = node.keys().key(handle);
                if (node.store().get(key) != null) {
                    continue;
                }
                List<HandleValue> values = List.of(
                        HandleValue.text(1, "URL", "https://factory.example.com/products/pump/" + (16 + i)).withTimestamp(now),
                        HandleValue.text(2, "DESC", "Centrifugal pump, batch 2024, serial " + (16 + i)).withTimestamp(now),
                        HandleValue.text(3, "EMAIL", "service@factory.example.com").withTimestamp(now));
                node.store().apply(org.idnode.node.storage.StoreChange.put(key, StoredRecord.encode(values)));
            }
        }
    }

    static void printNextSteps(Node node) {
        String prefix = node.homedPrefixes().stream().filter(p -> !p.isEmpty()).findFirst().orElse(null);
        if (prefix == null) {
            System.out.println("No prefix homed: start with --prefix 88.118.8 --demo to get sample identifiers.");
            return;
        }
        String h = prefix + "/PUMP-2024-000017";
        String http = "http://" + node.httpAddress().getHostString() + ":" + node.httpAddress().getPort();
        // bin/idnode of a release says how it was started; from a source checkout it is the jar.
        String idnode = System.getProperty("idnode.launcher", "java -jar node/target/idnode.jar");
        String loadtest = System.getProperty("idnode.launcher") != null
                ? idnode + "-loadtest" : "benchmarks/loadtest.sh";
        System.out.println();
        System.out.println("Demo identifiers: " + prefix + "/PUMP-2024-000017, " + prefix + "/PUMP-2024-000018, "
                + prefix + "/PUMP-2024-000019 (3 values each)");
        System.out.println("Try next:");
        System.out.println("  curl '" + http + "/api/handles/" + h + "?pretty'");
        System.out.println("  curl '" + http + "/api/handles/" + h + "?type=URL'");
        System.out.println("  " + idnode + " resolve --via udp --port " + node.udpAddress().getPort() + " " + h);
        System.out.println("  " + idnode + " resolve --via tcp --port " + node.tcpAddress().getPort() + " " + h);
        System.out.println("Load test it (the three demo identifiers, 5 s over UDP):");
        System.out.println("  printf '%s\\n' " + prefix + "/PUMP-2024-000017 " + prefix + "/PUMP-2024-000018 " + prefix
                + "/PUMP-2024-000019 > demo-handles.txt");
        System.out.println("  " + loadtest + " -t udp --port " + node.udpAddress().getPort()
                + " --handles demo-handles.txt --expect-values 3 --duration 5s");
        System.out.println("Stop with Ctrl-C.");
    }
}

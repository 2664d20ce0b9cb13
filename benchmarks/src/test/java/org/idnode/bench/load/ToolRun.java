package org.idnode.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the load tool in-process for tests: exit status, printed report, and the JSON report. */
record ToolRun(int exit, String out, String err, JsonNode json) {
    static ToolRun of(Path dir, String... args) throws IOException {
        Path report = Files.createTempFile(dir, "report", ".json");
        Files.delete(report);
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        all.add(report.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = LoadTool.execute(o, e, all.toArray(String[]::new));
        }
        JsonNode json = Files.exists(report) ? new ObjectMapper().readTree(report.toFile()) : null;
        return new ToolRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), json);
    }

    long errors(String kind) {
        return json.path("errorsByKind").path(kind).asLong(-1);
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n" + out + err;
    }
}

package org.idnode.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.model.SiteInfo;

/**
 * Reading the {@code site} data format (§11, §18). Required: version, protocolVersion, serialNumber,
 * servers, and per server its address and interfaces; the rest defaults as in the reference
 * (primarySite/multiPrimary false, hashOption 2, no hash filter, no attributes, serverId 0, empty key).
 */
final class SiteJsonReader {
    /** SiteInfoCodec's bound on attributes, servers and interfaces. */
    private static final int MAX_ITEMS = 1024;
    /** Attribute names and values, and the hash filter: plenty for text that is never more than a host name. */
    private static final int MAX_TEXT = 65_536;

    private SiteJsonReader() {
    }

    static SiteInfo read(JsonNode n, String path) {
        JsonTree.object(n, path, "a site object");
        int version = (int) JsonTree.integer(JsonTree.required(n, path, "version", "an integer"),
                JsonTree.child(path, "version"), 0, 0xFFFF);
        String pv = JsonTree.child(path, "protocolVersion");
        String v = JsonTree.requiredText(n, path, "protocolVersion", "\"major.minor\"");
        if (!v.matches("[0-9]{1,3}\\.[0-9]{1,3}")) {
            throw InvalidJsonException.invalid(pv, JsonTree.quote(v), "\"major.minor\", e.g. \"2.10\"");
        }
        int major = Integer.parseInt(v.substring(0, v.indexOf('.')));
        int minor = Integer.parseInt(v.substring(v.indexOf('.') + 1));
        if (major > 255 || minor > 255) {
            throw InvalidJsonException.invalid(pv, JsonTree.quote(v), "numbers 0..255");
        }
        int serial = (int) JsonTree.integer(JsonTree.required(n, path, "serialNumber", "an integer"),
                JsonTree.child(path, "serialNumber"), 0, 0xFFFF);
        // §11 [CNRI]: 0x80 primary, 0x40 multi-primary.
        int mask = (flag(n, path, "primarySite") ? SiteInfo.PRIMARY : 0)
                | (flag(n, path, "multiPrimary") ? SiteInfo.MULTI_PRIMARY : 0);
        JsonNode h = JsonTree.optional(n, "hashOption");
        int hashOption = h == null ? SiteInfo.HASH_BY_HANDLE
                : (int) JsonTree.integer(h, JsonTree.child(path, "hashOption"), 0, 255);
        JsonNode f = JsonTree.optional(n, "hashFilter");
        byte[] filter = f == null ? new byte[0] : text(JsonTree.text(f, JsonTree.child(path, "hashFilter"), "a string"),
                JsonTree.child(path, "hashFilter"));
        JsonNode a = JsonTree.optional(n, "attributes");
        List<SiteInfo.Attribute> attributes = a == null ? List.of() : attributes(a, JsonTree.child(path, "attributes"));
        String sp = JsonTree.child(path, "servers");
        JsonNode servers = JsonTree.array(JsonTree.required(n, path, "servers", "an array of servers"), sp, MAX_ITEMS,
                "an array of servers");
        List<SiteInfo.ServerInfo> list = new ArrayList<>(servers.size());
        for (int i = 0; i < servers.size(); i++) {
            list.add(server(servers.get(i), JsonTree.index(sp, i)));
        }
        return new SiteInfo(version, major, minor, serial, mask, hashOption, filter, attributes, list);
    }

    private static boolean flag(JsonNode n, String path, String name) {
        JsonNode b = JsonTree.optional(n, name);
        return b != null && JsonTree.bool(b, JsonTree.child(path, name));
    }

    private static byte[] text(String s, String path) {
        return JsonTree.utf8(s, path, MAX_TEXT, ResponseCodes.INVALID_VALUE);
    }

    /** {@code [{"name","value"}]}, or the reference's alternative {@code {"name": value-or-[values]}}. */
    private static List<SiteInfo.Attribute> attributes(JsonNode a, String path) {
        List<SiteInfo.Attribute> out = new ArrayList<>();
        if (a.isObject()) {
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                String p = JsonTree.child(path, e.getKey());
                text(e.getKey(), p);
                boolean many = e.getValue().isArray();
                for (int i = 0; i < (many ? e.getValue().size() : 1); i++) {
                    String ep = many ? JsonTree.index(p, i) : p;
                    String value = JsonTree.text(many ? e.getValue().get(i) : e.getValue(), ep, "a string");
                    text(value, ep);
                    out.add(new SiteInfo.Attribute(e.getKey(), value));
                }
            }
        } else {
            JsonTree.array(a, path, MAX_ITEMS, "an array of {\"name\",\"value\"}");
            for (int i = 0; i < a.size(); i++) {
                String p = JsonTree.index(path, i);
                JsonNode e = JsonTree.object(a.get(i), p, "an object {\"name\",\"value\"}");
                String name = JsonTree.requiredText(e, p, "name", "a string");
                String value = JsonTree.requiredText(e, p, "value", "a string");
                text(name, JsonTree.child(p, "name"));
                text(value, JsonTree.child(p, "value"));
                out.add(new SiteInfo.Attribute(name, value));
            }
        }
        if (out.size() > MAX_ITEMS) {
            throw InvalidJsonException.invalid(path, out.size() + " attributes", "at most " + MAX_ITEMS);
        }
        return out;
    }

    private static SiteInfo.ServerInfo server(JsonNode s, String path) {
        JsonTree.object(s, path, "a server object");
        JsonNode id = JsonTree.optional(s, "serverId");
        int serverId = id == null ? 0 : JsonTree.int32(id, JsonTree.child(path, "serverId"));
        byte[] address = IpText.parse(JsonTree.requiredText(s, path, "address", "an IP address"),
                JsonTree.child(path, "address"));
        JsonNode k = JsonTree.optional(s, "publicKey");
        byte[] key = k == null ? new byte[0] : DataJsonReader.readData(k, JsonTree.child(path, "publicKey"));
        String ip = JsonTree.child(path, "interfaces");
        JsonNode ifs = JsonTree.array(JsonTree.required(s, path, "interfaces", "an array of interfaces"), ip,
                MAX_ITEMS, "an array of interfaces");
        List<SiteInfo.ServerInterface> interfaces = new ArrayList<>(ifs.size());
        for (int i = 0; i < ifs.size(); i++) {
            interfaces.add(serverInterface(ifs.get(i), JsonTree.index(ip, i)));
        }
        return new SiteInfo.ServerInfo(serverId, address, key, interfaces);
    }

    /** Protocol by name (any case) or by number, as the reference prints unknown ones. */
    private static SiteInfo.ServerInterface serverInterface(JsonNode i, String path) {
        JsonTree.object(i, path, "an interface object {\"query\",\"admin\",\"protocol\",\"port\"}");
        int type = (flag(i, path, "query") ? SiteInfo.ServerInterface.QUERY : 0)
                | (flag(i, path, "admin") ? SiteInfo.ServerInterface.ADMIN : 0);
        String pp = JsonTree.child(path, "protocol");
        String expected = "\"UDP\", \"TCP\", \"HTTP\", \"HTTPS\" or a number";
        JsonNode p = JsonTree.required(i, path, "protocol", expected);
        int protocol = p.isTextual() ? List.of(SiteJson.PROTOCOLS).indexOf(p.textValue().toUpperCase(Locale.ROOT)) : -1;
        if (protocol < 0) {
            if (p.isTextual() && !p.textValue().matches("-?[0-9]+")) {
                throw InvalidJsonException.invalid(pp, JsonTree.show(p), expected);
            }
            protocol = (int) JsonTree.integer(p, pp, -128, 255) & 0xFF;
        }
        int port = JsonTree.int32(JsonTree.required(i, path, "port", "an integer"), JsonTree.child(path, "port"));
        return new SiteInfo.ServerInterface(type, protocol, port);
    }
}

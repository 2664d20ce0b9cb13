package org.idnode.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.idnode.protocol.codec.SiteInfoCodec;
import org.idnode.protocol.model.SiteInfo;

/**
 * Printing the {@code site} data format and the {@code "site"} member of GET /api/site (§11, §18),
 * member names and order as in rest-resolution-response-multi.json. Reading: {@link SiteJsonReader}.
 */
final class SiteJson {
    /** Interface protocol names by code (§11); other codes print as a number. */
    static final String[] PROTOCOLS = {"UDP", "TCP", "HTTP", "HTTPS"};

    private SiteJson() {
    }

    /**
     * The site if JSON can carry it exactly, else null: primary-mask bits other than 0x80/0x40,
     * interface types above 3, or a hash filter that is not UTF-8 (it is printed as text).
     */
    static SiteInfo tryDecode(byte[] data) {
        SiteInfo site;
        try {
            site = SiteInfoCodec.decode(data);
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(site.hashFilter()));
        } catch (RuntimeException | CharacterCodingException e) {
            return null;
        }
        if ((site.primaryMask() & ~(SiteInfo.PRIMARY | SiteInfo.MULTI_PRIMARY)) != 0) {
            return null;
        }
        for (SiteInfo.ServerInfo s : site.servers()) {
            for (SiteInfo.ServerInterface i : s.interfaces()) {
                if (i.type() > SiteInfo.ServerInterface.ADMIN_AND_QUERY) {
                    return null;
                }
            }
        }
        return site;
    }

    static void write(JsonGenerator g, SiteInfo site) throws IOException {
        g.writeStartObject();
        g.writeNumberField("version", site.dataFormatVersion());
        g.writeStringField("protocolVersion", site.protocolMajor() + "." + site.protocolMinor());
        g.writeNumberField("serialNumber", site.serialNumber());
        g.writeBooleanField("primarySite", site.primary());
        g.writeBooleanField("multiPrimary", site.multiPrimary());
        if (site.hashOption() != SiteInfo.HASH_BY_HANDLE) {
            g.writeNumberField("hashOption", site.hashOption());
        }
        if (site.hashFilter().length > 0) {
            g.writeStringField("hashFilter", new String(site.hashFilter(), StandardCharsets.UTF_8));
        }
        g.writeArrayFieldStart("attributes");
        for (SiteInfo.Attribute a : site.attributes()) {
            g.writeStartObject();
            g.writeStringField("name", a.name());
            g.writeStringField("value", a.value());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("servers");
        for (SiteInfo.ServerInfo s : site.servers()) {
            g.writeStartObject();
            g.writeNumberField("serverId", s.serverId());
            g.writeStringField("address", IpText.format(s.address()));
            g.writeFieldName("publicKey");
            // The reference prints a server key that is not a usable key as base64, never as a string.
            ValueJsonWriter.writeKeyOrBase64(g, s.publicKey());
            g.writeArrayFieldStart("interfaces");
            for (SiteInfo.ServerInterface i : s.interfaces()) {
                g.writeStartObject();
                g.writeBooleanField("query", (i.type() & SiteInfo.ServerInterface.QUERY) != 0);
                g.writeBooleanField("admin", (i.type() & SiteInfo.ServerInterface.ADMIN) != 0);
                if (i.protocol() < PROTOCOLS.length) {
                    g.writeStringField("protocol", PROTOCOLS[i.protocol()]);
                } else {
                    g.writeNumberField("protocol", (byte) i.protocol()); // the reference prints a Java byte
                }
                g.writeNumberField("port", i.port());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}

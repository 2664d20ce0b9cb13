package org.idnode.node.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.codec.PublicKeyCodec;
import org.idnode.protocol.model.PublicKeyData;
import org.idnode.protocol.model.SiteInfo;

/** Builds the node's own HS_SITE (handle-protocol.md §11): one primary server, TCP+UDP+HTTP. */
public final class SiteInfoFactory {
    private SiteInfoFactory() {
    }

    public static SiteInfo create(String address, int port, int httpPort, int serial, String description,
                                  RSAPublicKey key) {
        byte[] pub = PublicKeyCodec.encode(new PublicKeyData.Rsa(key.getPublicExponent(), key.getModulus()));
        List<SiteInfo.ServerInterface> interfaces = List.of(
                new SiteInfo.ServerInterface(SiteInfo.ServerInterface.ADMIN_AND_QUERY, SiteInfo.ServerInterface.TCP, port),
                new SiteInfo.ServerInterface(SiteInfo.ServerInterface.QUERY, SiteInfo.ServerInterface.UDP, port),
                new SiteInfo.ServerInterface(SiteInfo.ServerInterface.ADMIN_AND_QUERY, SiteInfo.ServerInterface.HTTP, httpPort));
        SiteInfo.ServerInfo server = new SiteInfo.ServerInfo(1, address16(address), pub, interfaces);
        return new SiteInfo(1, 2, 10, serial, SiteInfo.PRIMARY, SiteInfo.HASH_BY_HANDLE, new byte[0],
                List.of(new SiteInfo.Attribute("desc", description)), List.of(server));
    }

    /** §11: 16 octets; IPv4 is 12 zero octets then the address (not ::ffff: mapped). */
    static byte[] address16(String host) {
        try {
            byte[] a = InetAddress.getByName(host).getAddress();
            byte[] out = new byte[16];
            System.arraycopy(a, 0, out, 16 - a.length, a.length);
            return out;
        } catch (UnknownHostException e) {
            throw ProtocolException.malformed("address: " + host + " (expected: an IP address or resolvable name)");
        }
    }

}

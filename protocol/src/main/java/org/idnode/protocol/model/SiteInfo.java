package org.idnode.protocol.model;

import java.util.Arrays;
import java.util.List;

/**
 * HS_SITE data: a site and its servers (handle-protocol.md §11).
 *
 * @param primaryMask [CNRI] 0x80 primary, 0x40 multi-primary
 * @param hashOption  0 by prefix, 1 by suffix, 2 whole handle
 */
public record SiteInfo(int dataFormatVersion, int protocolMajor, int protocolMinor, int serialNumber,
                       int primaryMask, int hashOption, byte[] hashFilter, List<Attribute> attributes,
                       List<ServerInfo> servers) {
    public static final int PRIMARY = 0x80;
    public static final int MULTI_PRIMARY = 0x40;
    public static final int HASH_BY_PREFIX = 0;
    public static final int HASH_BY_SUFFIX = 1;
    public static final int HASH_BY_HANDLE = 2;

    public SiteInfo {
        hashFilter = hashFilter == null ? new byte[0] : hashFilter.clone();
        attributes = List.copyOf(attributes);
        servers = List.copyOf(servers);
    }

    @Override
    public byte[] hashFilter() {
        return hashFilter.clone();
    }

    public boolean primary() {
        return (primaryMask & PRIMARY) != 0;
    }

    public boolean multiPrimary() {
        return (primaryMask & MULTI_PRIMARY) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SiteInfo s && s.dataFormatVersion == dataFormatVersion && s.protocolMajor == protocolMajor
                && s.protocolMinor == protocolMinor && s.serialNumber == serialNumber && s.primaryMask == primaryMask
                && s.hashOption == hashOption && Arrays.equals(s.hashFilter, hashFilter)
                && s.attributes.equals(attributes) && s.servers.equals(servers);
    }

    @Override
    public int hashCode() {
        return serialNumber * 31 + servers.hashCode();
    }

    /** A name/value attribute of a site ({@code desc}, {@code alt_addr}, {@code domain}, {@code path}). */
    public record Attribute(String name, String value) {
    }

    /**
     * One server of a site.
     *
     * @param address   16 octets; IPv4 is 12 zero octets then the address [CNRI, not ::ffff:]
     * @param publicKey HS_PUBKEY encoding of the key that signs this server's responses
     */
    public record ServerInfo(int serverId, byte[] address, byte[] publicKey, List<ServerInterface> interfaces) {
        public ServerInfo {
            if (address.length != 16) {
                throw new IllegalArgumentException("address: " + address.length + " octets (expected: 16)");
            }
            address = address.clone();
            publicKey = publicKey.clone();
            interfaces = List.copyOf(interfaces);
        }

        @Override
        public byte[] address() {
            return address.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ServerInfo s && s.serverId == serverId && Arrays.equals(s.address, address)
                    && Arrays.equals(s.publicKey, publicKey) && s.interfaces.equals(interfaces);
        }

        @Override
        public int hashCode() {
            return serverId * 31 + Arrays.hashCode(address);
        }
    }

    /**
     * One interface of a server.
     *
     * @param type     0 out of service, 1 admin, 2 query, 3 admin+query
     * @param protocol 0 UDP, 1 TCP, 2 HTTP, 3 HTTPS
     */
    public record ServerInterface(int type, int protocol, int port) {
        public static final int ADMIN = 1;
        public static final int QUERY = 2;
        public static final int ADMIN_AND_QUERY = 3;
        public static final int UDP = 0;
        public static final int TCP = 1;
        public static final int HTTP = 2;
        public static final int HTTPS = 3;
    }
}

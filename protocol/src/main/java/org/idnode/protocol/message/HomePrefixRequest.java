package org.idnode.protocol.message;

/** OC 300 request (§8.5). */
public record HomePrefixRequest(String prefixHandle) implements MessageBody {
}

package org.idnode.protocol.message;

/** OC 301 request (§8.5). */
public record UnhomePrefixRequest(String prefixHandle) implements MessageBody {
}

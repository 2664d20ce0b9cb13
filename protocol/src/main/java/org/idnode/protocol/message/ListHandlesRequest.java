package org.idnode.protocol.message;

/** OC 105 request (§8.5): the prefix handle, e.g. {@code 0.NA/20.5000.1}. */
public record ListHandlesRequest(String prefixHandle) implements MessageBody {
}

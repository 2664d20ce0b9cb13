package org.idnode.protocol.message;

/** OC 101 request (§8.4). */
public record DeleteHandleRequest(String handle) implements MessageBody {
}

package org.idnode.protocol.message;

/** OC 100 success (§8.4): [CNRI] names the created (maybe minted) handle; the RFC sends nothing (null). */
public record CreateHandleResponse(String handle) implements MessageBody {
}

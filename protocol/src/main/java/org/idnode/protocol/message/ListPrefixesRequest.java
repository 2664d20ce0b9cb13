package org.idnode.protocol.message;

/** OC 302 request (§8.5): the handle is ignored (stock clients send "/"). */
public record ListPrefixesRequest(String handle) implements MessageBody {
}

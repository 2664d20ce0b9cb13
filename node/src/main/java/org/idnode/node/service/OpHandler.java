package org.idnode.node.service;

/**
 * The one contract of every operation the node serves (one implementation per opcode, or a family of
 * them; handle-protocol.md §6). The dispatcher ({@link RequestProcessor}) has already decoded the
 * request once, checked its session MAC and decided who the caller is; the handler:
 * <ul>
 *   <li>answers through {@code reply} exactly once: at once for reads ({@link Reply#body},
 *       {@link Reply#send}), or later for writes ({@link Reply#later} first, then answer from the
 *       executor it returns when the write is durable);</li>
 *   <li>throws {@link org.idnode.protocol.ProtocolException} for an answer with an error code (the
 *       dispatcher writes it), {@link NeedsAuthentication} when an anonymous caller must prove who it
 *       is (the dispatcher challenges and redoes the request), anything else for RC 2;</li>
 *   <li>never blocks the transport's thread, logs nothing per request, and keeps nothing of the
 *       request frame after answering.</li>
 * </ul>
 */
@FunctionalInterface
public interface OpHandler {
    void handle(Request request, Reply reply);
}

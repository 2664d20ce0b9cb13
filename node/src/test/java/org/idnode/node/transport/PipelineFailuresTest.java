package org.idnode.node.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.idnode.node.Requests;
import org.idnode.node.service.RequestProcessor;
import org.idnode.node.service.Resolver;
import org.idnode.node.service.ServerFailures;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A fault injected into each pipeline (a handler that throws, standing in for a bug no real part
 * produces on demand): the peer's answer, the counter and the one log line.
 */
class PipelineFailuresTest {
    final ServerFailures failures = new ServerFailures();
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(ServerFailures.class);

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
    }

    /** Throws {@code failure} on every inbound message. */
    static final class Faulty extends ChannelInboundHandlerAdapter {
        private final Exception failure;

        Faulty(Exception failure) {
            this.failure = failure;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            throw failure;
        }
    }

    @Test
    void tcpAnswersRc2CountsLogsOnceAndCloses() {
        RequestProcessor processor = new RequestProcessor(new Resolver(null, null, null), new byte[0], 1, null);
        EmbeddedChannel ch = new EmbeddedChannel(new Faulty(new IllegalStateException("boom")),
                PipelineFailures.tcp(failures, processor));
        ch.writeInbound("anything");
        ByteBuf reply = ch.readOutbound();
        Message m = Requests.decode(ByteBufUtil.getBytes(reply));
        reply.release();
        assertEquals(ResponseCodes.ERROR, m.header().responseCode());
        assertEquals(-1, m.envelope().requestId());
        assertFalse(ch.isActive());
        assertEquals(1, failures.count(ServerFailures.Kind.INTERNAL));
        assertEquals(1, log.list.size());
        assertTrue(log.list.get(0).getFormattedMessage().contains("boom"));
        assertNull(log.list.get(0).getThrowableProxy(), "no stack trace");
    }

    @Test
    void httpAnswers500WithTheReferenceJsonAndCloses() {
        EmbeddedChannel ch = new EmbeddedChannel(new Faulty(new IllegalStateException("boom")), PipelineFailures.http(failures));
        ch.writeInbound("request");
        FullHttpResponse res = ch.readOutbound();
        assertEquals(500, res.status().code());
        assertTrue(res.content().toString(StandardCharsets.UTF_8).contains("\"responseCode\":2"));
        res.release();
        assertFalse(ch.isActive());
        assertEquals(1, failures.count(ServerFailures.Kind.INTERNAL));
        assertEquals(1, log.list.size());
    }

    @Test
    void adminAnswers500() {
        EmbeddedChannel ch = new EmbeddedChannel(new Faulty(new IllegalStateException("boom")), PipelineFailures.admin(failures));
        ch.writeInbound("request");
        FullHttpResponse res = ch.readOutbound();
        assertEquals(500, res.status().code());
        res.release();
        assertEquals(1, failures.count(ServerFailures.Kind.INTERNAL));
    }

    @Test
    void udpCountsAndKeepsTheSocketOpen() {
        EmbeddedChannel ch = new EmbeddedChannel(new Faulty(new IllegalStateException("boom")), PipelineFailures.udp(failures));
        ch.writeInbound("datagram");
        assertNull(ch.readOutbound());
        assertTrue(ch.isActive());
        assertEquals(1, failures.count(ServerFailures.Kind.INTERNAL));
    }

    @Test
    void manyFailuresCostOneLogLinePerWindow() {
        RequestProcessor processor = new RequestProcessor(new Resolver(null, null, null), new byte[0], 1, null);
        for (int i = 0; i < 1000; i++) {
            EmbeddedChannel ch = new EmbeddedChannel(new Faulty(new IllegalStateException("boom " + i)),
                    PipelineFailures.tcp(failures, processor));
            ch.writeInbound("x");
            ch.finishAndReleaseAll();
        }
        assertEquals(1000, failures.count(ServerFailures.Kind.INTERNAL));
        assertEquals(1, log.list.size());
    }

    @Test
    void aResetByThePeerIsCountedNotLoggedNotAnswered() {
        EmbeddedChannel ch = new EmbeddedChannel(new Faulty(new IOException("Connection reset by peer")),
                PipelineFailures.http(failures));
        ch.writeInbound("x");
        assertNull(ch.readOutbound());
        assertFalse(ch.isActive());
        assertEquals(1, failures.count(ServerFailures.Kind.IO));
        assertEquals(0, log.list.size());
    }
}

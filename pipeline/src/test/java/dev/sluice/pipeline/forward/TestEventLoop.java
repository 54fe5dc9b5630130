package dev.sluice.pipeline.forward;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The one Netty event loop the forwarding tests share for connections and test receivers, as the forwarder shares
 * one among all endpoints. Its thread is a daemon, so it ends with the test JVM.
 */
public final class TestEventLoop
{
    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
        1, new DefaultThreadFactory("sluice-test-loop", true), NioIoHandler.newFactory());

    private TestEventLoop()
    {
    }

    /**
     * The shared event loop.
     *
     * @return the group, running for the life of the test JVM.
     */
    public static EventLoopGroup group()
    {
        return GROUP;
    }
}

package dev.sluice.pipeline.forward;

import java.util.ArrayList;
import java.util.List;

/**
 * What a test opened (receivers, endpoints, event loops), closed last first when the test ends, so an endpoint stops
 * before the receiver it sends to.
 */
final class ClosingStack
{
    private final List<AutoCloseable> resources = new ArrayList<>();

    /**
     * Registers a resource to close.
     *
     * @param resource opened by the test.
     */
    void add(final AutoCloseable resource)
    {
        resources.add(resource);
    }

    /**
     * Closes every resource, the last added first.
     *
     * @throws Exception what a resource's {@code close} throws.
     */
    void closeAll() throws Exception
    {
        for (int i = resources.size() - 1; i >= 0; i--)
        {
            resources.get(i).close();
        }
    }
}

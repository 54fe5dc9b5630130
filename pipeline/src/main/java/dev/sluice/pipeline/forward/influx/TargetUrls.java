package dev.sluice.pipeline.forward.influx;

import java.nio.charset.StandardCharsets;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The scrape URL of each target, for the {@code url} tag of {@link LineProtocolEncoder}: encoded to UTF-8 and
 * escaped as a tag value once, when the target is registered, so that looking it up per sample allocates nothing.
 *
 * <p>Owned by the thread that encodes batches (the relabel worker), which also registers targets as it adds them.
 */
public final class TargetUrls
{
    private final Long2ObjectHashMap<byte[]> urls = new Long2ObjectHashMap<>();

    /**
     * Registers, or replaces, the scrape URL of a target.
     *
     * @param targetId the target.
     * @param url      the URL it is scraped from; an empty one writes no {@code url} tag.
     * @throws IllegalArgumentException when the URL ends in a backslash, which no tag value can end with (the
     *     message leaves the URL out: its query may carry a secret).
     */
    public void register(final long targetId, final String url)
    {
        if (url.isEmpty())
        {
            urls.remove(targetId);
            return;
        }
        final byte[] utf8 = url.getBytes(StandardCharsets.UTF_8);
        final ExpandableArrayBuffer escaped = new ExpandableArrayBuffer(2 * utf8.length);
        final int length = LineProtocolText.write(
            LineProtocolText.Part.TAG, new UnsafeBuffer(utf8), 0, utf8.length, escaped, 0);
        if (length == LineProtocolText.UNREPRESENTABLE)
        {
            throw new IllegalArgumentException("the scrape URL of target " + targetId +
                " ends in a backslash, which line protocol cannot end a tag value with");
        }
        final byte[] tagValue = new byte[length];
        escaped.getBytes(0, tagValue);
        urls.put(targetId, tagValue);
    }

    /**
     * Forgets a target that is no longer scraped.
     *
     * @param targetId the target.
     */
    public void unregister(final long targetId)
    {
        urls.remove(targetId);
    }

    /**
     * The scrape URL of a target, ready to be written as a tag value.
     *
     * @param targetId the target.
     * @return its escaped UTF-8 bytes, not to be modified, or {@code null} when the target is not registered.
     */
    public byte[] escapedUrl(final long targetId)
    {
        return urls.get(targetId);
    }
}

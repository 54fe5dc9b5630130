package dev.sluice.protobuf.snappy;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Kinds of bodies the Snappy properties compress, each made from a seed and a size so that a failing case is
 * reproducible from two numbers: bytes that do not compress, bytes that compress to almost nothing, and bytes
 * shaped like a Remote Write request (repeated label names and values, varints, doubles, rising timestamps).
 */
enum BodyShape
{
    /** Uniformly random bytes: literals only. */
    RANDOM
    {
        @Override
        void fill(final SplittableRandom random, final byte[] body)
        {
            for (int i = 0; i < body.length; i++)
            {
                body[i] = (byte)random.nextInt();
            }
        }
    },
    /** Short random patterns repeated, runs of one byte among them: long copies, overlapping ones included. */
    REPETITIVE
    {
        @Override
        void fill(final SplittableRandom random, final byte[] body)
        {
            int at = 0;
            while (at < body.length)
            {
                final int period = 1 + random.nextInt(random.nextBoolean() ? 4 : 300);
                final int runLength = Math.min(body.length - at, 1 + random.nextInt(5000));
                for (int k = 0; k < period && k < runLength; k++)
                {
                    body[at + k] = (byte)random.nextInt(4);
                }
                for (int k = period; k < runLength; k++)
                {
                    body[at + k] = body[at + k - period];
                }
                at += runLength;
            }
        }
    },
    /** Series of a Remote Write request: length-prefixed labels from a small vocabulary, samples, exemplars. */
    PROTOBUF_LIKE
    {
        @Override
        void fill(final SplittableRandom random, final byte[] body)
        {
            long timestamp = 1_763_900_000_000L + random.nextInt(1_000_000);
            int at = 0;
            while (at < body.length)
            {
                at = put(body, at, 0x0A);
                final int labels = 2 + random.nextInt(6);
                for (int l = 0; l < labels && at < body.length; l++)
                {
                    at = putText(body, at, 0x0A, WORDS[random.nextInt(WORDS.length)]);
                    at = putText(body, at, 0x12, WORDS[random.nextInt(WORDS.length)] + random.nextInt(100));
                }
                final int samples = 1 + random.nextInt(4);
                for (int s = 0; s < samples; s++)
                {
                    at = put(body, at, 0x09);
                    final long bits = Double.doubleToLongBits(random.nextInt(10) < 7 ?
                        random.nextInt(1000) : random.nextDouble() * 1e9);
                    for (int b = 0; b < Long.BYTES; b++)
                    {
                        at = put(body, at, (int)(bits >>> (8 * b)));
                    }
                    timestamp += 15_000 + random.nextInt(3);
                    at = put(body, at, 0x10);
                    for (long rest = timestamp; rest != 0; rest >>>= 7)
                    {
                        at = put(body, at, (int)(rest >= 0x80 ? rest & 0x7F | 0x80 : rest));
                    }
                }
            }
        }
    };

    private static final String[] WORDS = {"__name__", "http_requests_total", "job", "instance", "namespace",
        "pod", "container", "kube-system", "node-exporter", "10.0.3.17:9100", "method", "GET", "POST", "code", "200",
        "le", "0.25", "+Inf", "cluster", "eu-west-1", "trace_id"};

    /** Makes a body of this shape. */
    byte[] make(final long seed, final int size)
    {
        final byte[] body = new byte[size];
        fill(new SplittableRandom(seed), body);
        return body;
    }

    abstract void fill(SplittableRandom random, byte[] body);

    private static int put(final byte[] body, final int at, final int value)
    {
        if (at < body.length)
        {
            body[at] = (byte)value;
        }
        return at + 1;
    }

    private static int putText(final byte[] body, final int at, final int tag, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int p = put(body, put(body, at, tag), bytes.length);
        for (final byte b : bytes)
        {
            p = put(body, p, b);
        }
        return p;
    }
}

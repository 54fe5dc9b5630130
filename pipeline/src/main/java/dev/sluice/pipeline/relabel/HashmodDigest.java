package dev.sluice.pipeline.relabel;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The value of Prometheus' {@code hashmod} action: the last 8 bytes of the MD5 of the UTF-8 input, read as a big-endian
 * unsigned 64-bit integer, modulo the modulus. Text is fed in pieces (source values and separators) and encoded into a
 * reused chunk, and the digest is written into a reused array, so computing a value allocates nothing.
 *
 * <p>Not thread-safe: one per {@link Relabeler}.
 */
final class HashmodDigest
{
    private static final int CHUNK_BYTES = 256;
    private static final int MAX_UTF8_BYTES_PER_CHAR = 3;
    private static final int MD5_BYTES = 16;
    private static final int TAIL_OFFSET = 8;

    private final MessageDigest md5;
    private final byte[] chunk = new byte[CHUNK_BYTES];
    private final byte[] digest = new byte[MD5_BYTES];
    private int chunkLength;

    HashmodDigest()
    {
        try
        {
            md5 = MessageDigest.getInstance("MD5");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every Java platform must provide MD5", ex);
        }
    }

    /**
     * Adds text to the input, encoded as UTF-8; an unpaired surrogate counts as U+FFFD, as in
     * {@link String#getBytes(java.nio.charset.Charset)}.
     *
     * @param text the next piece of the input.
     */
    void update(final CharSequence text)
    {
        final int length = text.length();
        for (int i = 0; i < length; i++)
        {
            if (chunkLength > CHUNK_BYTES - 2 * MAX_UTF8_BYTES_PER_CHAR)
            {
                flush();
            }
            final char c = text.charAt(i);
            if (c < 0x80)
            {
                chunk[chunkLength++] = (byte)c;
            }
            else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1)))
            {
                putCodePoint(Character.toCodePoint(c, text.charAt(++i)));
            }
            else
            {
                putCodePoint(Character.isSurrogate(c) ? 0xFFFD : c);
            }
        }
    }

    /**
     * Finishes the digest of everything fed since the last call, and starts a new input.
     *
     * @param modulus the modulus, an unsigned 64-bit integer other than 0.
     * @return the residue, an unsigned 64-bit integer below {@code modulus}.
     */
    long residue(final long modulus)
    {
        flush();
        try
        {
            md5.digest(digest, 0, MD5_BYTES);
        }
        catch (final DigestException ex)
        {
            throw new IllegalStateException("a 16-byte array holds an MD5 digest", ex);
        }
        long tail = 0;
        for (int i = TAIL_OFFSET; i < MD5_BYTES; i++)
        {
            tail = (tail << Byte.SIZE) | (digest[i] & 0xFF);
        }
        return Long.remainderUnsigned(tail, modulus);
    }

    private void putCodePoint(final int codePoint)
    {
        if (codePoint < 0x800)
        {
            chunk[chunkLength++] = (byte)(0xC0 | (codePoint >> 6));
        }
        else
        {
            if (codePoint < 0x10000)
            {
                chunk[chunkLength++] = (byte)(0xE0 | (codePoint >> 12));
            }
            else
            {
                chunk[chunkLength++] = (byte)(0xF0 | (codePoint >> 18));
                chunk[chunkLength++] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
            }
            chunk[chunkLength++] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
        }
        chunk[chunkLength++] = (byte)(0x80 | (codePoint & 0x3F));
    }

    private void flush()
    {
        md5.update(chunk, 0, chunkLength);
        chunkLength = 0;
    }
}

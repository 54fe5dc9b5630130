package dev.sluice.parser;

import org.agrona.DirectBuffer;

/**
 * The one exception every Sluice parser throws for malformed input. It names the format, the byte offset
 * (relative to the start of the parsed range), the 1-based line and column (column counted in bytes), and a
 * short excerpt of the input around the offset with control and non-ASCII bytes escaped.
 */
public final class ParseException extends RuntimeException
{
    private static final long serialVersionUID = 1L;
    private static final int EXCERPT_BEFORE = 24;
    private static final int EXCERPT_AFTER = 24;

    private final transient InputFormat format;
    private final long offset;
    private final long line;
    private final long column;
    private final String reason;
    private final String excerpt;

    private ParseException(
        final InputFormat format,
        final String reason,
        final long offset,
        final long line,
        final long column,
        final String excerpt)
    {
        super(format.shortName() + " parse error at line " + line + ", column " + column + " (byte " + offset +
            "): " + reason + " near \"" + excerpt + "\"");
        this.format = format;
        this.reason = reason;
        this.offset = offset;
        this.line = line;
        this.column = column;
        this.excerpt = excerpt;
    }

    /**
     * Builds the exception for an error at {@code errorIndex} of {@code buffer}, whose parsed range starts at
     * {@code start} and ends before {@code end}. Line and column are found by scanning the range once, which is
     * fine on the error path.
     *
     * @param format     the format being parsed.
     * @param reason     what was expected and what was found.
     * @param buffer     the input.
     * @param start      first index of the parsed range.
     * @param end        index one past the parsed range.
     * @param errorIndex index of the offending byte (may equal {@code end}).
     * @return the exception, ready to throw.
     */
    public static ParseException at(
        final InputFormat format,
        final String reason,
        final DirectBuffer buffer,
        final int start,
        final int end,
        final int errorIndex)
    {
        final int at = clamp(start, end, errorIndex);
        long line = 1;
        int lineStart = start;
        for (int i = start; i < at; i++)
        {
            if (buffer.getByte(i) == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return new ParseException(format, reason, at - start, line, at - lineStart + 1L, excerpt(buffer, start, end, at));
    }

    /**
     * Builds the exception for an error found at a byte offset of a binary input, where lines make no sense:
     * line is reported as 0 and column as 0.
     *
     * @param format     the format being parsed.
     * @param reason     what was expected and what was found.
     * @param buffer     the input.
     * @param start      first index of the parsed range.
     * @param end        index one past the parsed range.
     * @param errorIndex index of the offending byte.
     * @return the exception, ready to throw.
     */
    public static ParseException atBinaryOffset(
        final InputFormat format,
        final String reason,
        final DirectBuffer buffer,
        final int start,
        final int end,
        final int errorIndex)
    {
        final int at = clamp(start, end, errorIndex);
        return new ParseException(format, reason, at - start, 0, 0, excerpt(buffer, start, end, at));
    }

    private static int clamp(final int start, final int end, final int index)
    {
        return Math.max(start, Math.min(index, end));
    }

    private static String excerpt(final DirectBuffer buffer, final int start, final int end, final int at)
    {
        final int from = Math.max(start, at - EXCERPT_BEFORE);
        final int to = Math.min(end, at + EXCERPT_AFTER);
        final StringBuilder sb = new StringBuilder((to - from) * 2);
        for (int i = from; i < to; i++)
        {
            final int b = buffer.getByte(i) & 0xFF;
            if (b == '\n')
            {
                sb.append("\\n");
            }
            else if (b == '\t')
            {
                sb.append("\\t");
            }
            else if (b == '\\' || b == '"')
            {
                sb.append('\\').append((char)b);
            }
            else if (b < 0x20 || b >= 0x7F)
            {
                sb.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            else
            {
                sb.append((char)b);
            }
        }
        return sb.toString();
    }

    /**
     * The format whose parser failed.
     *
     * @return the format.
     */
    public InputFormat format()
    {
        return format;
    }

    /**
     * Byte offset of the error, relative to the start of the parsed range.
     *
     * @return the offset.
     */
    public long offset()
    {
        return offset;
    }

    /**
     * 1-based line of the error (0 for binary formats).
     *
     * @return the line.
     */
    public long line()
    {
        return line;
    }

    /**
     * 1-based byte column of the error within its line (0 for binary formats).
     *
     * @return the column.
     */
    public long column()
    {
        return column;
    }

    /**
     * What was expected and what was found, without position.
     *
     * @return the reason.
     */
    public String reason()
    {
        return reason;
    }

    /**
     * Up to 48 bytes of input around the error, escaped.
     *
     * @return the excerpt.
     */
    public String excerpt()
    {
        return excerpt;
    }
}

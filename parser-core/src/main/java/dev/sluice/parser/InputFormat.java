package dev.sluice.parser;

/**
 * A format Sluice decodes, as named in a {@link ParseException}: the exposition formats of this module and the
 * transport formats (Remote Write, Snappy) of the codec modules.
 */
public interface InputFormat
{
    /**
     * The name used on the command line and in error messages.
     *
     * @return a short lowercase name.
     */
    String shortName();
}

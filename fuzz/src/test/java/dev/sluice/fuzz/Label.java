package dev.sluice.fuzz;

/**
 * A label as a reader sees it: name and value with escapes resolved.
 *
 * @param name  the label name.
 * @param value the label value.
 */
record Label(String name, String value)
{
}

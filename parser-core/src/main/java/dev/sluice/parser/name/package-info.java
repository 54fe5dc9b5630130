/**
 * Metric and label name rules of Prometheus: the {@link dev.sluice.parser.name.NameValidationScheme legacy and
 * UTF-8 validation schemes}, and the {@link dev.sluice.parser.name.EscapingScheme escaping schemes} that map UTF-8
 * names onto the legacy character set for systems that only accept it, as negotiated by the {@code escaping}
 * parameter of {@code Accept} and {@code Content-Type} headers. Checks and escapes work over byte ranges of Agrona
 * buffers without allocating; {@code String} forms exist for configuration and tests.
 */
package dev.sluice.parser.name;

package io.wsproto.extensions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One element of a Sec-WebSocket-Extensions header (RFC 6455 §9.1): an extension name and its parameters,
 * as offered by a client or accepted by a server. {@link #toString()} gives the header syntax.
 */
public record ExtensionSpec(String name, List<Parameter> parameters) {
    /** A parameter; {@code value} is null for a parameter without one. */
    public record Parameter(String name, String value) {
        /** Checks the name is there. */
        public Parameter {
            Objects.requireNonNull(name, "name");
            ExtensionHeader.requireToken(name, "parameter name");
            if (value != null) {
                ExtensionHeader.requireToken(value, "value of parameter " + name);
            }
        }

        @Override
        public String toString() {
            return value == null ? name : name + "=" + value;
        }
    }

    /** Checks the name and copies the parameters. */
    public ExtensionSpec {
        Objects.requireNonNull(name, "name");
        ExtensionHeader.requireToken(name, "extension name");
        parameters = List.copyOf(parameters);
    }

    /**
     * An extension offer or answer without parameters.
     *
     * @param name the extension token, e.g. {@code permessage-deflate}
     */
    public ExtensionSpec(String name) {
        this(name, List.of());
    }

    /** This element with one more parameter. */
    public ExtensionSpec with(String parameter, String value) {
        List<Parameter> more = new ArrayList<>(parameters);
        more.add(new Parameter(parameter, value));
        return new ExtensionSpec(name, more);
    }

    /** This element with one more parameter that has no value. */
    public ExtensionSpec with(String parameter) {
        return with(parameter, null);
    }

    /** The first parameter with this name. */
    public Optional<Parameter> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }

    /**
     * Parses a header value: a comma-separated list of elements.
     *
     * @throws IllegalArgumentException saying where the grammar broke
     */
    public static List<ExtensionSpec> parseHeader(String headerValue) {
        return ExtensionHeader.parse(headerValue);
    }

    /**
     * Parses every field line of the header, in order (RFC 9110 §5.3: the lines combine as one list).
     *
     * @throws IllegalArgumentException saying where the grammar broke
     */
    public static List<ExtensionSpec> parseHeaders(List<String> fieldLines) {
        List<ExtensionSpec> all = new ArrayList<>();
        for (String line : fieldLines) {
            all.addAll(ExtensionHeader.parse(line));
        }
        return all;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name);
        for (Parameter p : parameters) {
            s.append("; ").append(p);
        }
        return s.toString();
    }
}

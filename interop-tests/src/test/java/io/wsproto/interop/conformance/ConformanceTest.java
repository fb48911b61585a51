package io.wsproto.interop.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The conformance catalogue against wsproto and Jetty 12, each as server and client over h1 and h2c. */
@org.junit.jupiter.api.extension.ExtendWith(io.wsproto.h2.NettyLeaks.class)
class ConformanceTest {
    /**
     * Where Jetty 12.0.23 differs from the RFC, as the README's conformance section explains case by case.
     * A new deviation, or one that goes away with a Jetty upgrade, shows up here first.
     */
    private static final Set<String> JETTY_DEVIATIONS = Set.of("1.18", "1.19", "6.20", "6.21",
            "10.2", "10.3", "10.6", "10.7", "10.8", "10.9", "10.10", "10.11", "10.12", "10.13", "10.14", "10.15", "10.16",
            "10.17", "10.18");

    @Test
    void everyCaseIsOkForWsprotoInBothRolesOverH1AndH2() throws Exception {
        Conformance result = Conformance.run(List.of(Implementations.WSPROTO), Catalogue.all(), quiet());
        List<Conformance.Row> rows = result.rows();
        assertEquals(4 * Catalogue.all().size(), rows.size(), "every case ran against server and client over h1 and h2");
        assertEquals(List.of(), result.deviations(Implementations.WSPROTO).stream()
                .map(r -> r.testCase().id() + " " + r.sut() + ": " + r.result()).toList());
        long applicable = rows.stream().filter(r -> r.result().verdict() != Result.Verdict.NOT_APPLICABLE).count();
        assertTrue(applicable > 4 * 130, "applicable cells: " + applicable);
    }

    @Test
    void jettyDiffersOnlyWhereTheReadmeSays() throws Exception {
        Conformance result = Conformance.run(List.of(Implementations.JETTY), Catalogue.all(), quiet());
        Set<String> seen = result.deviations(Implementations.JETTY).stream().map(r -> r.testCase().id())
                .collect(Collectors.toCollection(TreeSet::new));
        // The catalogue must see Jetty's known faults (proving it can fail an implementation) and no others.
        assertTrue(seen.containsAll(Set.of("10.7", "10.8", "10.14", "10.16")), "known Jetty faults detected: " + seen);
        assertTrue(JETTY_DEVIATIONS.containsAll(seen), "deviations not in the README: " + seen);
        String markdown = result.markdown();
        assertTrue(markdown.contains("| 10.7 offer"), markdown.substring(0, 400));
        assertTrue(result.json().contains("\"verdict\":\"FAILED\""));
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}

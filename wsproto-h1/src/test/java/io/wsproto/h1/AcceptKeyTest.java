package io.wsproto.h1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AcceptKeyTest {
    @Test
    void matchesTheExampleOfRfc6455() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", AcceptKey.forKey("dGhlIHNhbXBsZSBub25jZQ=="));
    }
}

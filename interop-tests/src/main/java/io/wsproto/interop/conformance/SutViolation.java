package io.wsproto.interop.conformance;

/** The implementation under test sent something RFC 6455 or RFC 7692 forbids it to send. */
final class SutViolation extends Exception {
    SutViolation(String message) {
        super(message);
    }
}

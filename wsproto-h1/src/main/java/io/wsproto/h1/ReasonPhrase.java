package io.wsproto.h1;

/** The reason phrase of an HTTP/1.1 status line (RFC 9110 §15); a status without a known phrase gets a neutral one. */
final class ReasonPhrase {
    private ReasonPhrase() {
    }

    public static String of(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 426 -> "Upgrade Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }
}

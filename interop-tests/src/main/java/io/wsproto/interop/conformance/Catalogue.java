package io.wsproto.interop.conformance;

import static io.wsproto.interop.conformance.Frame.BINARY;
import static io.wsproto.interop.conformance.Frame.CLOSE;
import static io.wsproto.interop.conformance.Frame.CONTINUATION;
import static io.wsproto.interop.conformance.Frame.PING;
import static io.wsproto.interop.conformance.Frame.RSV1;
import static io.wsproto.interop.conformance.Frame.RSV2;
import static io.wsproto.interop.conformance.Frame.RSV3;
import static io.wsproto.interop.conformance.Frame.TEXT;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The protocol cases, by category, each written from the RFC sentence it names. A case runs against an
 * implementation in either role; where the RFC words a rule for one role only, the case says so.
 *
 * <p>Every implementation under test is configured to accept messages up to {@link #LIMIT} bytes and
 * echoes each message as the same type.
 */
final class Catalogue {
    /** The message size limit the implementations under test are configured with (the limits category). */
    static final int LIMIT = 1 << 20;

    private static final String FRAMING = "RFC 6455 §5.2";
    private static final String CONTROL = "RFC 6455 §5.5";
    private static final String FRAGMENTS = "RFC 6455 §5.4";
    private static final String UTF8 = "RFC 6455 §8.1";

    private final List<Case> cases = new ArrayList<>();
    private int major;
    private int minor;
    private String category;

    private Catalogue() {
    }

    static List<Case> all() {
        Catalogue c = new Catalogue();
        c.framing();
        c.pingPong();
        c.reservedBits();
        c.opcodes();
        c.fragmentation();
        c.utf8();
        c.close();
        c.limits();
        c.deflate();
        c.deflateNegotiation();
        return List.copyOf(c.cases);
    }

    private void category(String name) {
        major++;
        minor = 0;
        category = name;
    }

    private void add(String section, String title, Case.Script script) {
        add(section, title, Negotiation.NONE, Case.BOTH, script);
    }

    private void add(String section, String title, Negotiation negotiation, Set<Role> roles, Case.Script script) {
        cases.add(new Case(major + "." + ++minor, category, section, title, negotiation, roles, script));
    }

    // ------------------------------------------------------------------ 1 framing

    private void framing() {
        category("Framing and payload lengths");
        for (int n : new int[] {0, 125, 126, 127, 128, 65535, 65536}) {
            String text = ascii(n);
            add(FRAMING, "text message of " + n + " bytes (" + lengthForm(n) + ")", p -> {
                p.send(Frame.text(text));
                return p.echoes(Seen.text(text));
            });
        }
        for (int n : new int[] {0, 125, 126, 127, 128, 65535, 65536}) {
            byte[] data = bytes(n);
            add(FRAMING, "binary message of " + n + " bytes (" + lengthForm(n) + ")", p -> {
                p.send(Frame.binary(data));
                return p.echoes(Seen.binary(data));
            });
        }
        add(FRAMING, "a 300-byte text frame written one byte at a time", p -> {
            p.sendInChunks(Frame.text(ascii(300)), 1);
            return p.echoes(Seen.text(ascii(300)));
        });
        add(FRAMING, "three messages in one write", p -> {
            p.write(concat(Frame.text("one").encode(p.masks()), Frame.binary(bytes(3)).encode(p.masks()),
                    Frame.text("three").encode(p.masks())));
            return p.echoes(Seen.text("one"), Seen.binary(bytes(3)), Seen.text("three"));
        });
        add(FRAMING, "a 64 KiB binary frame written in 1000-byte pieces", p -> {
            p.sendInChunks(Frame.binary(bytes(65536)), 1000);
            return p.echoes(Seen.binary(bytes(65536)));
        });
        add(FRAMING + " (minimal length)", "5-byte payload with its length in the 16-bit form", p -> {
            p.write(Frame.binary(bytes(5)).encode(p.masks(), 2));
            List<Seen> got = p.awaitAnswers(1);
            if (got.equals(List.of(Seen.binary(bytes(5))))) {
                return Result.nonStrict("accepted a length not in the minimal form §5.2 requires").and(p.closeNormally());
            }
            return p.fails(1002, "§5.2 (the minimal number of bytes MUST be used)");
        });
        add(FRAMING, "64-bit payload length with the most significant bit set", p -> {
            p.write(Frame.header(true, BINARY, Long.MIN_VALUE | 5, p.masks()));
            return p.fails(1002, "§5.2 (the most significant bit MUST be 0)");
        });
    }

    // ------------------------------------------------------------------ 2 ping and pong

    private void pingPong() {
        category("Ping and pong");
        String ping = "RFC 6455 §5.5.2";
        String pong = "RFC 6455 §5.5.3";
        add(ping, "ping without payload is answered by an empty pong", p -> {
            p.send(Frame.ping(new byte[0]));
            return p.echoes(Seen.pong(new byte[0]));
        });
        add(ping, "ping with 125 bytes of binary payload is answered with the same payload", p -> {
            p.send(Frame.ping(bytes(125)));
            return p.echoes(Seen.pong(bytes(125)));
        });
        add(CONTROL, "ping with 126 bytes of payload (control frames carry at most 125)", p -> {
            p.send(Frame.ping(bytes(126)));
            return p.fails(1002, CONTROL);
        });
        add(CONTROL, "fragmented ping (FIN clear)", p -> {
            p.send(Frame.ping(bytes(3)).notFinal(), new Frame(true, 0, CONTINUATION, bytes(3)));
            return p.fails(1002, CONTROL);
        });
        add(pong, "unsolicited pong is ignored", p -> {
            p.send(Frame.pong(bytes(10)), Frame.text("after the pong"));
            return p.echoes(Seen.text("after the pong"));
        });
        add(pong, "unsolicited empty pong is ignored", p -> {
            p.send(Frame.pong(new byte[0]), Frame.text("after the pong"));
            return p.echoes(Seen.text("after the pong"));
        });
        add(ping, "a ping written one byte at a time", p -> {
            p.sendInChunks(Frame.ping(Frame.utf8("slowly")), 1);
            return p.echoes(Seen.pong(Frame.utf8("slowly")));
        });
        add(pong, "ten pings in one write: a pong for each, or at least for the last (§5.5.3 allows that)", p -> {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < 10; i++) {
                all.writeBytes(Frame.ping(new byte[] {(byte) i}).encode(p.masks()));
            }
            p.write(all.toByteArray());
            List<Seen> got = p.awaitAnswers(10);
            List<Seen> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                expected.add(Seen.pong(new byte[] {(byte) i}));
            }
            if (got.isEmpty() || !expected.containsAll(got) || !got.get(got.size() - 1).equals(expected.get(9))) {
                return Result.failed("expected pongs ending with the last ping's, saw " + Probe.summary(got));
            }
            return Result.ok(got.size() + " pongs").and(p.closeNormally());
        });
        add(ping, "ping and close in one write: the pong comes before the close reply", p -> {
            p.send(Frame.ping(Frame.utf8("last")), Frame.close(1000));
            List<Seen> got = p.awaitAnswers(1);
            if (!got.equals(List.of(Seen.pong(Frame.utf8("last"))))) {
                return Result.failed("expected the pong before the close, saw " + Probe.summary(got));
            }
            return p.closeEchoes(1000);
        });
    }

    // ------------------------------------------------------------------ 3 reserved bits

    private void reservedBits() {
        category("Reserved bits");
        String rule = FRAMING + " (RSV MUST be 0 unless an extension defines it)";
        add(rule, "RSV1 on a text frame, no extension negotiated", p -> {
            p.send(Frame.text("rsv1").withRsv(RSV1));
            return p.fails(1002, rule);
        });
        add(rule, "RSV2 on a text frame after a valid message", p -> {
            p.send(Frame.text("fine"), Frame.text("rsv2").withRsv(RSV2), Frame.text("never"));
            return p.fails(1002, rule, Seen.text("fine"));
        });
        add(rule, "RSV3 on a binary frame", p -> {
            p.send(Frame.binary(bytes(8)).withRsv(RSV3));
            return p.fails(1002, rule);
        });
        add(rule, "all three RSV bits on a binary frame", p -> {
            p.send(Frame.binary(bytes(8)).withRsv(7));
            return p.fails(1002, rule);
        });
        add(rule, "RSV1 on a ping", p -> {
            p.send(Frame.ping(bytes(4)).withRsv(RSV1));
            return p.fails(1002, rule);
        });
        add(rule, "RSV2 on a close", p -> {
            p.send(Frame.close(1000).withRsv(RSV2));
            return p.fails(1002, rule);
        });
        add(rule, "RSV3 on a continuation frame", p -> {
            p.send(Frame.text("frag").notFinal(), new Frame(true, RSV3, CONTINUATION, Frame.utf8("ment")));
            return p.fails(1002, rule);
        });
    }

    // ------------------------------------------------------------------ 4 opcodes

    private void opcodes() {
        category("Opcodes");
        String rule = FRAMING + " (reserved opcodes: the endpoint MUST fail the connection)";
        for (int opcode : new int[] {3, 4, 5, 6, 7, 11, 12, 13, 14, 15}) {
            String kind = opcode < 8 ? "non-control" : "control";
            add(rule, "reserved " + kind + " opcode " + opcode + " after a valid message", p -> {
                p.send(Frame.text("before"), new Frame(true, 0, opcode, bytes(opcode < 8 ? 10 : 0)), Frame.text("after"));
                return p.fails(1002, rule, Seen.text("before"));
            });
        }
    }

    // ------------------------------------------------------------------ 5 fragmentation

    private void fragmentation() {
        category("Fragmentation");
        add(FRAGMENTS, "text message in two fragments", p -> {
            p.send(Frame.text("frag").notFinal(), new Frame(true, 0, CONTINUATION, Frame.utf8("mented")));
            return p.echoes(Seen.text("fragmented"));
        });
        add(FRAGMENTS, "binary message in three fragments", p -> {
            byte[] data = bytes(3000);
            p.send(new Frame(false, 0, BINARY, Arrays.copyOfRange(data, 0, 1000)),
                    new Frame(false, 0, CONTINUATION, Arrays.copyOfRange(data, 1000, 2000)),
                    new Frame(true, 0, CONTINUATION, Arrays.copyOfRange(data, 2000, 3000)));
            return p.echoes(Seen.binary(data));
        });
        add(FRAGMENTS, "text message whose first, middle and last fragments are empty", p -> {
            p.send(new Frame(false, 0, TEXT, new byte[0]), new Frame(false, 0, CONTINUATION, Frame.utf8("middle")),
                    new Frame(false, 0, CONTINUATION, new byte[0]), new Frame(true, 0, CONTINUATION, new byte[0]));
            return p.echoes(Seen.text("middle"));
        });
        add(FRAGMENTS, "text message in 100 one-byte fragments", p -> {
            String text = ascii(100);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < 100; i++) {
                all.writeBytes(new Frame(i == 99, 0, i == 0 ? TEXT : CONTINUATION, Frame.utf8(text.substring(i, i + 1))).encode(p.masks()));
            }
            p.write(all.toByteArray());
            return p.echoes(Seen.text(text));
        });
        add(FRAGMENTS + " (control frames MAY be injected)", "ping between fragments: pong, then the message", p -> {
            p.send(Frame.text("frag").notFinal(), Frame.ping(Frame.utf8("between")), new Frame(true, 0, CONTINUATION, Frame.utf8("mented")));
            return p.echoes(Seen.pong(Frame.utf8("between")), Seen.text("fragmented"));
        });
        add(FRAGMENTS + " (control frames MAY be injected)", "pong between fragments is ignored", p -> {
            p.send(Frame.binary(bytes(4)).notFinal(), Frame.pong(bytes(2)), new Frame(true, 0, CONTINUATION, bytes(4)));
            return p.echoes(Seen.binary(concat(bytes(4), bytes(4))));
        });
        add(FRAGMENTS, "continuation frame with no message started", p -> {
            p.send(new Frame(true, 0, CONTINUATION, Frame.utf8("orphan")));
            return p.fails(1002, FRAGMENTS);
        });
        add(FRAGMENTS, "final continuation frame after a complete message", p -> {
            p.send(Frame.text("whole"), new Frame(true, 0, CONTINUATION, Frame.utf8("extra")));
            return p.fails(1002, FRAGMENTS, Seen.text("whole"));
        });
        add(FRAGMENTS, "non-final continuation frame with no message started", p -> {
            p.send(new Frame(false, 0, CONTINUATION, Frame.utf8("orphan")), new Frame(true, 0, CONTINUATION, Frame.utf8("s")));
            return p.fails(1002, FRAGMENTS);
        });
        add(FRAGMENTS, "new text message started inside a fragmented one", p -> {
            p.send(Frame.text("first").notFinal(), Frame.text("second"));
            return p.fails(1002, FRAGMENTS);
        });
        add(FRAGMENTS, "new binary message started inside a fragmented text one", p -> {
            p.send(Frame.text("first").notFinal(), Frame.binary(bytes(2)).notFinal(), new Frame(true, 0, CONTINUATION, bytes(2)));
            return p.fails(1002, FRAGMENTS);
        });
        add(CONTROL, "fragmented close (FIN clear)", p -> {
            p.send(Frame.close(1000).notFinal(), new Frame(true, 0, CONTINUATION, new byte[0]));
            return p.fails(1002, CONTROL);
        });
    }

    // ------------------------------------------------------------------ 6 UTF-8

    private void utf8() {
        category("UTF-8 in text messages");
        for (String text : new String[] {"Hello-µ@ßöäüàá-UTF-8!!", "κόσμε", "\uD83D\uDE00 \uD800\uDC00 \uDBFF\uDFFF",
                "\uFEFFbom \uFFFD \uFFFF \uFDD0"}) {
            add(UTF8, "valid UTF-8: " + hex(Frame.utf8(text), 12), p -> {
                p.send(Frame.text(text));
                return p.echoes(Seen.text(text));
            });
        }
        add(UTF8, "valid 4-byte character split across two fragments", p -> {
            byte[] b = Frame.utf8("ab\uD83D\uDE00cd");
            p.send(new Frame(false, 0, TEXT, Arrays.copyOfRange(b, 0, 4)), new Frame(true, 0, CONTINUATION, Arrays.copyOfRange(b, 4, b.length)));
            return p.echoes(Seen.text(b));
        });
        add(UTF8, "valid text with every byte in a fragment of its own", p -> {
            byte[] b = Frame.utf8("κόσμε\uD83D\uDE00");
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < b.length; i++) {
                all.writeBytes(new Frame(i == b.length - 1, 0, i == 0 ? TEXT : CONTINUATION, new byte[] {b[i]}).encode(p.masks()));
            }
            p.write(all.toByteArray());
            return p.echoes(Seen.text(b));
        });
        String[][] invalid = {
            {"80", "a lone continuation byte"},
            {"C0AF", "an overlong 2-byte '/'"},
            {"E080AF", "an overlong 3-byte '/'"},
            {"F08080AF", "an overlong 4-byte '/'"},
            {"EDA080", "a UTF-16 surrogate (U+D800)"},
            {"EDBFBF", "a UTF-16 surrogate (U+DFFF)"},
            {"F4908080", "a code point above U+10FFFF"},
            {"F5808080", "the byte F5, never valid"},
            {"FE", "the byte FE, never valid"},
            {"CEBAE1BDB9CF83CEBCCEB5EDA080656469746564", "κόσμε followed by a surrogate"},
            {"616263CE", "a 2-byte character cut off by the end of the message"},
            {"F09F98", "a 4-byte character cut off by the end of the message"},
        };
        for (String[] c : invalid) {
            byte[] bad = HexFormat.of().parseHex(c[0].toLowerCase(Locale.ROOT));
            add(UTF8, "invalid UTF-8 in one frame: " + c[1], p -> {
                p.send(Frame.text("valid first"), new Frame(true, 0, TEXT, bad));
                return p.fails(1007, UTF8, Seen.text("valid first"));
            });
        }
        add(UTF8, "invalid UTF-8 cut off at the end of a fragmented message", p -> {
            p.send(Frame.text("abc").notFinal(), new Frame(true, 0, CONTINUATION, new byte[] {(byte) 0xE2, (byte) 0x82}));
            return p.fails(1007, UTF8);
        });
        add(UTF8 + " (fail fast)", "invalid first fragment: the close comes before the last fragment is sent", p -> {
            p.send(new Frame(false, 0, TEXT, HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5eda080")));
            return p.failsFast(1007, UTF8, () -> p.send(new Frame(true, 0, CONTINUATION, Frame.utf8("rest of the message"))));
        });
        add(UTF8 + " (fail fast)", "invalid bytes at the start of a 64 KiB frame: the close comes before the rest of the frame", p -> {
            byte[] payload = Frame.utf8(ascii(65536));
            payload[0] = (byte) 0xC0;
            payload[1] = (byte) 0xAF;
            byte[] wire = new Frame(true, 0, TEXT, payload).encode(p.masks());
            p.write(Arrays.copyOfRange(wire, 0, 200));
            return p.failsFast(1007, UTF8, () -> p.write(Arrays.copyOfRange(wire, 200, wire.length)));
        });
    }

    // ------------------------------------------------------------------ 7 close

    private void close() {
        category("Close codes and reasons");
        String close = "RFC 6455 §5.5.1";
        String codes = "RFC 6455 §7.4";
        add(close, "close without a payload is answered with a close", p -> {
            p.send(Frame.close(-1));
            Result r = p.closeEchoes(-1);
            return r.detail().startsWith("replied with 1000") ? Result.ok("replied 1000") : r;
        });
        add(close, "close with 1000 and a reason", p -> {
            p.send(Frame.close(1000, Frame.utf8("bye now")));
            return p.closeEchoes(1000);
        });
        add(close, "close with 1000 and a 123-byte reason (the largest that fits)", p -> {
            p.send(Frame.close(1000, Frame.utf8(ascii(123))));
            return p.closeEchoes(1000);
        });
        add(close, "close with a 1-byte payload", p -> {
            p.send(new Frame(true, 0, CLOSE, new byte[] {3}));
            return p.fails(1002, close);
        });
        add(CONTROL, "close with a 124-byte reason (payload of 126 bytes)", p -> {
            p.send(Frame.close(1000, Frame.utf8(ascii(124))));
            return p.fails(1002, CONTROL);
        });
        add(close + ", §8.1", "close reason that is not valid UTF-8", p -> {
            p.send(Frame.close(1000, HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5eda080")));
            return p.fails(1007, close + " (the reason is UTF-8)");
        });
        for (int code : new int[] {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999}) {
            add(codes, "close with valid code " + code + " is echoed", p -> {
                p.send(Frame.close(code));
                return p.closeEchoes(code);
            });
        }
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535}) {
            add(codes, "close with code " + code + ", which no endpoint may send", p -> {
                p.send(Frame.close(code));
                return p.fails(1002, codes);
            });
        }
        add(close, "a text message after the close is not answered", p -> {
            p.write(concat(Frame.close(1000).encode(p.masks()), Frame.text("too late").encode(p.masks())));
            return p.closeEchoes(1000);
        });
        add(close, "a ping after the close is not answered", p -> {
            p.write(concat(Frame.close(1000).encode(p.masks()), Frame.ping(bytes(4)).encode(p.masks())));
            return p.closeEchoes(1000);
        });
    }

    // ------------------------------------------------------------------ 8 limits

    private void limits() {
        category("Limits (implementations configured for " + (LIMIT >> 20) + " MiB messages)");
        String big = "RFC 6455 §7.4.1 (1009: a message too big to process), §10.4";
        add(big, "binary message of exactly the limit is echoed", p -> {
            p.send(Frame.binary(bytes(LIMIT)));
            return p.echoes(Seen.binary(bytes(LIMIT)));
        });
        add(big, "text message of exactly the limit is echoed", p -> {
            p.send(Frame.text(ascii(LIMIT)));
            return p.echoes(Seen.text(ascii(LIMIT)));
        });
        add(big, "binary frame one byte over the limit", p -> {
            p.send(Frame.binary(bytes(LIMIT + 1)));
            return p.fails(1009, big);
        });
        add(big, "text frame one byte over the limit", p -> {
            p.send(Frame.text(ascii(LIMIT + 1)));
            return p.fails(1009, big);
        });
        add(big, "binary message over the limit in 64 KiB fragments", p -> {
            int parts = LIMIT / 65536 + 1;
            for (int i = 0; i < parts; i++) {
                p.send(new Frame(i == parts - 1, 0, i == 0 ? BINARY : CONTINUATION, bytes(65536)));
            }
            return p.fails(1009, big);
        });
        add(big, "frame header declaring 2^62 bytes: failed on the header alone", p -> {
            p.write(Frame.header(true, BINARY, 1L << 62, p.masks()));
            return p.fails(1009, big);
        });
    }

    // ------------------------------------------------------------------ 9 permessage-deflate

    private void deflate() {
        category("permessage-deflate");
        String pmd = "RFC 7692 §7.2";
        Negotiation d = Negotiation.DEFLATE;
        add("RFC 7692 §7.1", "plain offer is accepted", d, Case.BOTH, p -> {
            if (!p.deflated()) {
                return Result.failed("permessage-deflate was not negotiated (answer: " + p.answered + ")");
            }
            p.send(p.compressed(TEXT, Frame.utf8("compressed hello")));
            return p.echoes(Seen.text("compressed hello"));
        });
        deflateEcho("compressed 1 KiB text message", d, new byte[][] {Frame.utf8(ascii(1024))}, TEXT);
        deflateEcho("compressed 64 KiB binary message", d, new byte[][] {bytes(65536)}, BINARY);
        deflateEcho("20 compressed messages sharing the sliding window (context takeover)", d, repeated(20, "the same words again "), TEXT);
        deflateEcho("compressed empty message", d, new byte[][] {new byte[0]}, TEXT);
        add(pmd, "compressed message in three fragments (RSV1 on the first only)", d, Case.BOTH, p -> {
            if (!p.deflated()) {
                return notNegotiated(p);
            }
            byte[] data = Frame.utf8(ascii(3000));
            byte[] z = p.compressed(TEXT, data).payload();
            int third = z.length / 3;
            p.send(new Frame(false, RSV1, TEXT, Arrays.copyOfRange(z, 0, third)),
                    new Frame(false, 0, CONTINUATION, Arrays.copyOfRange(z, third, 2 * third)),
                    new Frame(true, 0, CONTINUATION, Arrays.copyOfRange(z, 2 * third, z.length)));
            return p.echoes(Seen.text(data));
        });
        add("RFC 7692 §6", "uncompressed message (RSV1 clear) in a deflate session", d, Case.BOTH, p -> {
            if (!p.deflated()) {
                return notNegotiated(p);
            }
            p.send(Frame.text("plain"), p.compressed(TEXT, Frame.utf8("squeezed")));
            return p.echoes(Seen.text("plain"), Seen.text("squeezed"));
        });
        add("RFC 7692 §6.1", "RSV1 on a continuation frame", d, Case.BOTH, p -> {
            if (!p.deflated()) {
                return notNegotiated(p);
            }
            p.send(Frame.text("frag").notFinal(), new Frame(true, RSV1, CONTINUATION, Frame.utf8("ment")));
            return p.fails(1002, "RFC 7692 §6.1");
        });
        add("RFC 7692 §6", "RSV1 on a ping", d, Case.BOTH, p -> {
            if (!p.deflated()) {
                return notNegotiated(p);
            }
            p.send(Frame.ping(bytes(4)).withRsv(RSV1));
            return p.fails(1002, "RFC 7692 §6 and RFC 6455 §5.2");
        });
        add("RFC 6455 §5.2", "RSV2 on a compressed message", d, Case.BOTH, p -> {
            if (!p.deflated()) {
                return notNegotiated(p);
            }
            Frame f = p.compressed(TEXT, Frame.utf8("rsv2"));
            p.send(f.withRsv(RSV1 | RSV2));
            return p.fails(1002, "RFC 6455 §5.2");
        });
        add("RFC 7692 §6.2 (a payload that does not inflate)", "compressed payload that is not DEFLATE data", d, Case.BOTH, p -> {
            if (!p.deflated()) {
                return notNegotiated(p);
            }
            p.send(new Frame(true, RSV1, BINARY, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01, 0x02}));
            return p.fails(1007, "RFC 7692 §6.2");
        });
        add(UTF8 + " after RFC 7692 §6.2", "compressed text that inflates to invalid UTF-8", d, Case.BOTH, p -> {
            if (!p.deflated()) {
                return notNegotiated(p);
            }
            p.send(p.compressed(TEXT, HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5eda080")));
            return p.fails(1007, UTF8);
        });
        add("RFC 7692 §8.1 and RFC 6455 §10.4", "decompression bomb: a small frame inflating past the limit", d, Case.BOTH, p -> {
            if (!p.deflated()) {
                return notNegotiated(p);
            }
            p.send(p.compressed(BINARY, new byte[LIMIT + 1]));
            return p.fails(1009, "RFC 6455 §7.4.1");
        });
        deflateEcho("compressed message of exactly the limit", d, new byte[][] {bytes(LIMIT)}, BINARY);
    }

    private void deflateNegotiation() {
        category("permessage-deflate parameters");
        Negotiation serverNoContext = Negotiation.deflate("permessage-deflate; server_no_context_takeover",
                "permessage-deflate; server_no_context_takeover");
        add("RFC 7692 §7.1.1.1", "server_no_context_takeover: agreed, and the server compresses each message on its own",
                serverNoContext, Case.BOTH, p -> {
                    if (!p.deflated() || !p.answered.contains("server_no_context_takeover")) {
                        return Result.failed("the response must include server_no_context_takeover (answer: " + p.answered + ")");
                    }
                    return echoAll(p, repeated(6, "window must not be shared "), TEXT);
                });
        Negotiation clientNoContext = Negotiation.deflate("permessage-deflate; client_no_context_takeover",
                "permessage-deflate; client_no_context_takeover");
        add("RFC 7692 §7.1.1.2", "client_no_context_takeover: the client compresses each message on its own",
                clientNoContext, Case.BOTH, p -> {
                    if (!p.deflated()) {
                        return notNegotiated(p);
                    }
                    return echoAll(p, repeated(6, "window must not be shared "), TEXT);
                });
        add("RFC 7692 §7.1.2.1", "server_max_window_bits=10 offered: declined, or answered with at most 10",
                Negotiation.deflate("permessage-deflate; server_max_window_bits=10", null), Set.of(Role.SERVER), p -> {
                    String a = p.answered == null ? "" : p.answered.toLowerCase(Locale.ROOT);
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("server_max_window_bits=\"?(\\d+)").matcher(a);
                    if (p.deflated() && (!m.find() || Integer.parseInt(m.group(1)) > 10)) {
                        return Result.failed("accepted the offer without server_max_window_bits <= 10: " + p.answered);
                    }
                    return Result.ok(p.deflated() ? "accepted with " + p.answered : "declined").and(echoAll(p, new byte[][] {Frame.utf8("small")}, TEXT));
                });
        add("RFC 7692 §7.1.2.2", "client_max_window_bits offered without a value", Negotiation.deflate("permessage-deflate; client_max_window_bits", null),
                Set.of(Role.SERVER), p -> {
                    if (!p.deflated()) {
                        return notNegotiated(p);
                    }
                    return echoAll(p, new byte[][] {Frame.utf8(ascii(500))}, TEXT); // 500 bytes fit any window the server may ask for
                });
        add("RFC 7692 §7.1.2.1", "server_max_window_bits=10 in the response to a client that did not ask",
                Negotiation.deflate(null, "permessage-deflate; server_max_window_bits=10"), Set.of(Role.CLIENT), p -> {
                    if (!p.deflated()) {
                        return notNegotiated(p);
                    }
                    return echoAll(p, new byte[][] {Frame.utf8(ascii(500))}, TEXT);
                });
        String decline = "RFC 7692 §5 (a server MUST decline an offer with an undefined, repeated or invalid parameter)";
        for (String offer : new String[] {"permessage-deflate; x_unknown=1", "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
                "permessage-deflate; server_max_window_bits=7", "permessage-deflate; server_max_window_bits=16",
                "permessage-deflate; client_max_window_bits=abc", "permessage-deflate; client_no_context_takeover=1"}) {
            add(decline, "offer \"" + offer + "\" is declined", new Negotiation(offer, false, o -> null), Set.of(Role.SERVER), p -> {
                if (p.deflated()) {
                    return Result.failed("accepted it: " + p.answered);
                }
                p.send(Frame.text("uncompressed"));
                return p.echoes(Seen.text("uncompressed"));
            });
        }
        add("RFC 7692 §5.1 (the server picks one acceptable offer)", "an undefined-parameter offer, then a plain one: the plain one is accepted",
                new Negotiation("permessage-deflate; x_unknown=1, permessage-deflate", false, o -> null), Set.of(Role.SERVER), p -> {
                    if (!p.deflated() || p.answered.contains("x_unknown")) {
                        return Result.failed("expected the second offer accepted, answer: " + p.answered);
                    }
                    p.send(p.compressed(TEXT, Frame.utf8("second offer")));
                    return p.echoes(Seen.text("second offer"));
                });
        String refuse = "RFC 6455 §4.1 (the client MUST fail the connection)";
        add(refuse, "response names permessage-deflate the client never offered",
                new Negotiation(null, false, o -> "permessage-deflate"), Set.of(Role.CLIENT), p -> p.refusesHandshake(refuse));
        String bad = "RFC 7692 §5 (a client MUST fail on an undefined, repeated or invalid parameter)";
        for (String answer : new String[] {"permessage-deflate; x_unknown", "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
                "permessage-deflate; server_max_window_bits=7", "permessage-deflate, permessage-deflate"}) {
            add(bad, "response \"" + answer + "\"", Negotiation.deflate(null, answer), Set.of(Role.CLIENT), p -> p.refusesHandshake(bad));
        }
        add("RFC 7692 §7.1.2.2", "response with client_max_window_bits the client did not offer",
                Negotiation.deflate(null, "permessage-deflate; client_max_window_bits=10"), Set.of(Role.CLIENT), p -> {
                    if (p.offered != null && p.offered.contains("client_max_window_bits")) {
                        return new Result(Result.Verdict.NOT_APPLICABLE, "the client offers client_max_window_bits");
                    }
                    return p.refusesHandshake("RFC 7692 §7.1.2.2");
                });
    }

    private void deflateEcho(String title, Negotiation n, byte[][] messages, int opcode) {
        add("RFC 7692 §7.2", title, n, Case.BOTH, p -> {
            if (!p.deflated()) {
                return notNegotiated(p);
            }
            return echoAll(p, messages, opcode);
        });
    }

    /** Sends each message compressed and expects each echoed in order. */
    private static Result echoAll(Probe p, byte[][] messages, int opcode) throws Exception {
        List<Seen> expected = new ArrayList<>();
        for (byte[] m : messages) {
            p.send(p.deflated() ? p.compressed(opcode, m) : new Frame(true, 0, opcode, m));
            expected.add(opcode == TEXT ? Seen.text(m) : Seen.binary(m));
        }
        return p.echoes(expected.toArray(Seen[]::new));
    }

    private static Result notNegotiated(Probe p) {
        return Result.failed("permessage-deflate was not negotiated (offered: " + p.offered + ", answered: " + p.answered + ")");
    }

    // ------------------------------------------------------------------ data

    static String ascii(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + i % 26));
        }
        return b.toString();
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static byte[][] repeated(int count, String text) {
        byte[][] r = new byte[count][];
        for (int i = 0; i < count; i++) {
            r[i] = Frame.utf8(text + i);
        }
        return r;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String lengthForm(int n) {
        return n <= 125 ? "7-bit length" : n <= 65535 ? "16-bit length" : "64-bit length";
    }

    private static String hex(byte[] b, int max) {
        String h = HexFormat.of().formatHex(b, 0, Math.min(b.length, max));
        return b.length > max ? h + "…" : h;
    }
}

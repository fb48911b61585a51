package io.wsproto.interop.matrix;

import io.wsproto.interop.matrix.Result.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The matrix as tables, one per transport: rows are clients, columns servers, and each cell reads
 * "without deflate / with deflate". Failures are numbered and listed with their reasons, as are the
 * reasons for n/a and absent participants. Rendered as plain text, Markdown and JSON.
 */
public final class Report {
    private final List<Result> results;
    private final Map<String, String> absent;
    private final List<String> clients = new ArrayList<>();
    private final List<String> servers = new ArrayList<>();
    private final Map<Result, Integer> failureNumbers = new LinkedHashMap<>();

    Report(List<Result> results, Map<String, String> absent) {
        this.results = results;
        this.absent = absent;
        for (Result r : results) {
            if (!clients.contains(r.client())) {
                clients.add(r.client());
            }
            if (!servers.contains(r.server())) {
                servers.add(r.server());
            }
            if (r.outcome() == Outcome.FAIL || r.outcome() == Outcome.PEER_BUG) {
                failureNumbers.put(r, failureNumbers.size() + 1);
            }
        }
    }

    public long count(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** Failed cells where a participant whose name starts with {@code name} ("wsproto", "wsproto pings") was the client or the server. */
    public long failuresInvolving(String name) {
        return results.stream().filter(r -> r.outcome() == Outcome.FAIL && r.involves(name)).count();
    }

    private Result find(String client, String server, Transport t, boolean deflate) {
        for (Result r : results) {
            if (r.client().equals(client) && r.server().equals(server) && r.transport() == t && r.deflate() == deflate) {
                return r;
            }
        }
        throw new IllegalStateException("no result for " + client + " -> " + server);
    }

    private String word(Result r) {
        return failureNumbers.containsKey(r) ? r.outcome().word + "#" + failureNumbers.get(r) : r.outcome().word;
    }

    private String cell(String client, String server, Transport t) {
        Result off = find(client, server, t, false);
        Result on = find(client, server, t, true);
        if (off.outcome() == on.outcome() && (off.outcome() == Outcome.NOT_APPLICABLE || off.outcome() == Outcome.ABSENT)) {
            return off.outcome().word;
        }
        return word(off) + " / " + word(on);
    }

    private List<List<String>> table(Transport t) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("client \\ server");
        header.addAll(servers);
        rows.add(header);
        for (String client : clients) {
            List<String> row = new ArrayList<>();
            row.add(client);
            for (String server : servers) {
                row.add(cell(client, server, t));
            }
            rows.add(row);
        }
        return rows;
    }

    private String summary() {
        return count(Outcome.PASS) + " passed, " + count(Outcome.FAIL) + " failed, "
                + (count(Outcome.PEER_BUG) == 0 ? "" : count(Outcome.PEER_BUG) + " failed by a known bug of the peer, ")
                + count(Outcome.NOT_APPLICABLE) + " not applicable, "
                + count(Outcome.ABSENT) + " with an absent peer";
    }

    private Set<String> notApplicableReasons() {
        Set<String> reasons = new LinkedHashSet<>();
        for (Result r : results) {
            if (r.outcome() == Outcome.NOT_APPLICABLE && !r.detail().contains(" has no " + r.transport().label)) {
                reasons.add(r.detail());
            }
        }
        return reasons;
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("Interop matrix: each cell is 'without permessage-deflate / with permessage-deflate'\n");
        for (Transport t : Transport.values()) {
            out.append('\n').append(t.label).append('\n');
            List<List<String>> rows = table(t);
            int[] widths = new int[rows.get(0).size()];
            for (List<String> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    widths[i] = Math.max(widths[i], row.get(i).length());
                }
            }
            for (List<String> row : rows) {
                StringBuilder line = new StringBuilder("  ");
                for (int i = 0; i < row.size(); i++) {
                    line.append(String.format("%-" + widths[i] + "s", row.get(i))).append(i + 1 < row.size() ? " | " : "");
                }
                out.append(line.toString().stripTrailing()).append('\n');
            }
        }
        notes(out, "");
        out.append('\n').append(summary()).append('\n');
        return out.toString();
    }

    public String markdown() {
        StringBuilder out = new StringBuilder("# Interop matrix\n\n");
        out.append("Each cell reads *without permessage-deflate / with permessage-deflate*. ").append(summary()).append(".\n");
        for (Transport t : Transport.values()) {
            out.append("\n## ").append(t.label).append("\n\n");
            List<List<String>> rows = table(t);
            for (int i = 0; i < rows.size(); i++) {
                out.append("| ").append(String.join(" | ", rows.get(i)).replace("\\", "\\\\")).append(" |\n");
                if (i == 0) {
                    out.append("|").append("---|".repeat(rows.get(0).size())).append('\n');
                }
            }
        }
        out.append('\n');
        notes(out, "- ");
        return out.toString();
    }

    private void notes(StringBuilder out, String bullet) {
        if (!failureNumbers.isEmpty()) {
            out.append("\nFailures:\n");
            failureNumbers.forEach((r, n) -> out.append(bullet.isEmpty() ? "  " : bullet).append(r.outcome().word).append('#').append(n).append(' ')
                    .append(r.client()).append(" -> ").append(r.server()).append(", ").append(r.transport().label)
                    .append(r.deflate() ? ", deflate" : ", no deflate").append(": ").append(r.detail()).append('\n'));
        }
        if (!absent.isEmpty()) {
            out.append("\nAbsent (not run, never counted as passed):\n");
            absent.forEach((who, why) -> out.append(bullet.isEmpty() ? "  " : bullet).append(who).append(": ").append(why).append('\n'));
        }
        Set<String> reasons = notApplicableReasons();
        if (!reasons.isEmpty()) {
            out.append("\nNot applicable, besides transports a participant lacks:\n");
            reasons.forEach(reason -> out.append(bullet.isEmpty() ? "  " : bullet).append(reason).append('\n'));
        }
    }

    public String json() {
        StringBuilder out = new StringBuilder("{\n  \"summary\": ").append(quote(summary())).append(",\n  \"absent\": {");
        List<String> entries = new ArrayList<>();
        absent.forEach((who, why) -> entries.add("\n    " + quote(who) + ": " + quote(why)));
        out.append(String.join(",", entries)).append(entries.isEmpty() ? "" : "\n  ").append("},\n  \"results\": [");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    {\"client\": ").append(quote(r.client())).append(", \"server\": ").append(quote(r.server()))
                    .append(", \"transport\": ").append(quote(r.transport().label)).append(", \"deflate\": ").append(r.deflate())
                    .append(", \"outcome\": ").append(quote(r.outcome().word.toLowerCase(java.util.Locale.ROOT)))
                    .append(", \"detail\": ").append(quote(r.detail())).append(", \"millis\": ").append(r.millis()).append('}');
        }
        return out.append("\n  ]\n}\n").toString();
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}

package io.wsproto.interop.matrix;

import io.wsproto.interop.matrix.Result.Outcome;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs every client against every server over every transport, with and without permessage-deflate.
 * Servers start once each, on loopback; a cell that hangs is cut off after {@link #CELL_TIMEOUT_SECONDS}.
 */
public final class Matrix {
    static final int CELL_TIMEOUT_SECONDS = 150;

    final List<ServerPeer> servers;
    final List<ClientPeer> clients;
    /** The key of the proxy's absence in {@link #absent}. */
    static final String PROXY = "proxy nghttpx";

    /** Why each absent participant is absent, by "client NAME" / "server NAME" (and {@link #PROXY}). */
    final Map<String, String> absent = new LinkedHashMap<>();

    Matrix(List<ServerPeer> servers, List<ClientPeer> clients) {
        this.servers = servers;
        this.clients = clients;
    }

    /** Everyone: ours, the JVM peers, and the external peers this machine has. */
    public static Matrix everyone() {
        return new Matrix(Participants.servers(), Participants.clients());
    }

    /** Runs every cell, printing a progress line for each one that runs; returns every cell, absent and n/a included. */
    public List<Result> run(PrintStream progress) throws Exception {
        for (ServerPeer s : servers) {
            noteAbsence("server " + s.name, s.absentBecause(), progress);
        }
        for (ClientPeer c : clients) {
            noteAbsence("client " + c.name, c.absentBecause(), progress);
        }
        noteAbsence(PROXY, NghttpxProxy.absentBecause(), progress);
        int total = 0;
        for (ServerPeer s : servers) {
            for (ClientPeer c : clients) {
                for (Transport t : Transport.values()) {
                    for (boolean deflate : new boolean[] {false, true}) {
                        total += whyNot(c, s, t, deflate) == null ? 1 : 0;
                    }
                }
            }
        }
        progress.printf("matrix: %d servers x %d clients, %d runs over h1, h2c, tls h2, tls h1 and nghttpx both ways%n", servers.size(),
                clients.size(), total);
        List<Result> results = new ArrayList<>();
        ExecutorService cells = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "matrix-cell");
            t.setDaemon(true); // a cell cut off by its timeout must not keep the JVM alive
            return t;
        });
        int done = 0;
        try (Workspace workspace = new Workspace()) {
            for (ServerPeer server : servers) {
                ServerPeer.Running running = null;
                String startFailure = null;
                if (!absent.containsKey("server " + server.name)) {
                    try {
                        running = server.start(workspace);
                    } catch (Exception e) {
                        startFailure = "the server did not start: " + message(e);
                    }
                }
                try {
                    for (ClientPeer client : clients) {
                        for (Transport t : Transport.values()) {
                            for (boolean deflate : new boolean[] {false, true}) {
                                String why = whyNot(client, server, t, deflate);
                                if (why != null) {
                                    Outcome o = why.startsWith("absent:") ? Outcome.ABSENT : Outcome.NOT_APPLICABLE;
                                    results.add(new Result(client.name, server.name, t, deflate, o, why.replaceFirst("^absent: ", ""), 0));
                                    continue;
                                }
                                Result r = startFailure != null
                                        ? new Result(client.name, server.name, t, deflate, Outcome.FAIL, startFailure, 0)
                                        : runCell(cells, workspace, client, server, running, t, deflate);
                                results.add(r);
                                done++;
                                progress.printf("[%d/%d] %-18s -> %-18s %-6s %-10s %s (%.1f s)%s%n", done, total, client.name, server.name,
                                        t.label, deflate ? "deflate" : "no deflate", r.outcome().word, r.millis() / 1000.0,
                                        r.outcome() == Outcome.FAIL ? ": " + r.detail() : "");
                            }
                        }
                    }
                } finally {
                    if (running != null) {
                        running.close();
                    }
                }
            }
        } finally {
            cells.shutdownNow();
        }
        return results;
    }

    /**
     * The same matrix with only the named clients and servers (names as in the table, any case); null keeps
     * everyone. Absences found by a run carry over.
     */
    public Matrix only(Set<String> clientNames, Set<String> serverNames) {
        List<ClientPeer> c = clients.stream().filter(p -> clientNames == null || containsIgnoreCase(clientNames, p.name)).toList();
        List<ServerPeer> s = servers.stream().filter(p -> serverNames == null || containsIgnoreCase(serverNames, p.name)).toList();
        if (c.isEmpty() || s.isEmpty()) {
            throw new IllegalArgumentException("no such participant; clients are " + clients.stream().map(p -> p.name).toList()
                    + ", servers are " + servers.stream().map(p -> p.name).toList());
        }
        Matrix part = new Matrix(s, c);
        part.absent.putAll(absent); // what a run already found missing (the proxy among it) stays missing
        return part;
    }

    private static boolean containsIgnoreCase(Set<String> names, String name) {
        return names.stream().anyMatch(n -> n.equalsIgnoreCase(name));
    }

    public Report report(List<Result> results) {
        return new Report(results, absent);
    }

    private void noteAbsence(String who, String why, PrintStream progress) {
        if (why != null) {
            absent.put(who, why);
            progress.println("absent: " + who + ": " + why);
        }
    }

    /** Why a cell does not run (prefixed "absent: " when a participant is missing), or null when it runs. */
    String whyNot(ClientPeer client, ServerPeer server, Transport t, boolean deflate) {
        if (absent.containsKey("client " + client.name)) {
            return "absent: client " + client.name + ": " + absent.get("client " + client.name);
        }
        if (absent.containsKey("server " + server.name)) {
            return "absent: server " + server.name + ": " + absent.get("server " + server.name);
        }
        if (t.proxied() && absent.containsKey(PROXY)) {
            return "absent: " + PROXY + ": " + absent.get(PROXY);
        }
        if (!client.transports.contains(t.front())) {
            return client.name + " client has no " + t.front().label;
        }
        if (!server.transports.contains(t)) {
            return server.name + " server has no " + t.label;
        }
        String pairing = client.notApplicableWith(server, t);
        if (pairing != null) {
            return pairing;
        }
        if (!client.deflateModes.contains(deflate)) {
            return client.name + (deflate ? " cannot offer permessage-deflate" : " always offers permessage-deflate");
        }
        if (deflate && !server.deflate) {
            return server.name + " server has no permessage-deflate";
        }
        return null;
    }

    private static Result runCell(ExecutorService cells, Workspace workspace, ClientPeer client, ServerPeer server,
                                  ServerPeer.Running running, Transport t, boolean deflate) {
        long start = System.nanoTime();
        Future<String> cell = cells.submit(() -> client.run(workspace, server, running, t, deflate));
        Outcome outcome;
        String detail;
        try {
            detail = cell.get(CELL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            outcome = Outcome.PASS;
        } catch (TimeoutException e) {
            cell.cancel(true);
            outcome = Outcome.FAIL;
            detail = "no verdict within " + CELL_TIMEOUT_SECONDS + " s";
        } catch (java.util.concurrent.ExecutionException e) {
            String fault = client.knownFault(server, t, deflate);
            outcome = fault == null ? Outcome.FAIL : Outcome.PEER_BUG;
            detail = fault == null ? message(e.getCause()) : fault + "; seen as: " + message(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Outcome.FAIL;
            detail = "interrupted";
        }
        return new Result(client.name, server.name, t, deflate, outcome, detail, (System.nanoTime() - start) / 1_000_000);
    }

    /** For an exception without a message: the first frame in our own code, so the step that failed is named. */
    private static String where(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("io.wsproto.interop")) {
                return " at " + frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1) + "." + frame.getMethodName()
                        + ":" + frame.getLineNumber();
            }
        }
        return "";
    }

    private static String message(Throwable e) {
        String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() + where(e) : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.getMessage() != null && !m.contains(cause.getMessage())) {
            m += " (" + cause.getMessage() + ")";
        }
        return m.replaceAll("\\s+", " ").strip();
    }
}

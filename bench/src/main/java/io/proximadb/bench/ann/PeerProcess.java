package io.proximadb.bench.ann;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A running peer driver, its standard output read as the protocol (docs/bench/ann.md, "Peer
 * driver protocol"). Started with {@code --paced 1}, it runs each of its measured rounds when told:
 * it builds (with {@code --builds N}, each build after the first when told), warms up and says
 * {@code ready}; each {@code pass} line on its standard input runs one
 * pass of every setting, answered by {@code passed}; at the end of its input it reports its
 * fastest passes and exits. Started without, it runs its rounds on its own and {@link #finish}
 * alone collects them ({@link PeerDriver#run}).
 *
 * <p>Why: the machine's speed drifts by a third over minutes (other tenants of the host), and a
 * peer measured after all of our passes sees another machine than they did. Taking turns round by
 * round, ours and the peer's passes sample the same minutes, and the fastest of each is taken from
 * the same stretches of time.
 */
final class PeerProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    /** Protocol lines other than {@code ready} and {@code passed}, for {@link PeerOutput#parse}. */
    private final List<String> lines = new ArrayList<>();

    private PeerProcess(String name, List<String> command, Process process) {
        this.name = name;
        this.command = command;
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Starts the driver ({@code command} with {@code --paced 1} among its arguments); its standard error passes through. */
    static PeerProcess start(String name, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new PeerProcess(name, command, process);
    }

    /** Waits until the driver has built its index and warmed every setting up. */
    void awaitReady() throws IOException, InterruptedException {
        readUntil("ready");
    }

    /** Runs one round: a measured pass of every setting of the driver's. */
    void pass() throws IOException, InterruptedException {
        say("pass");
    }

    /** Waits until the driver has made a build that more follow ({@code --builds}). */
    void awaitBuilt() throws IOException, InterruptedException {
        readUntil("built");
    }

    /**
     * Has the driver build again; returns when it has, and after its {@code last} build when it
     * has warmed up too.
     */
    void build(boolean last) throws IOException, InterruptedException {
        write("build");
        readUntil(last ? "ready" : "built");
    }

    /** Writes {@code word} as a line to the driver and waits for its {@code passed}. */
    void say(String word) throws IOException, InterruptedException {
        write(word);
        readUntil("passed");
    }

    private void write(String word) throws IOException {
        in.write(word + "\n");
        in.flush();
    }

    /** Ends the rounds and returns what the driver reports: its build and each setting's fastest pass. */
    PeerOutput finish() throws IOException, InterruptedException {
        in.close();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
        }
        checkExit();
        return PeerOutput.parse(lines);
    }

    private void readUntil(String word) throws IOException, InterruptedException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.strip().equals(word)) {
                return;
            }
            lines.add(line);
        }
        checkExit();
        throw new IOException("the " + name + " driver ended its output without '" + word + "'");
    }

    private void checkExit() throws InterruptedException, IOException {
        int status = process.waitFor();
        if (status != 0) {
            throw new IOException("the " + name + " driver (" + String.join(" ", command.subList(0, Math.min(2, command.size())))
                    + ") exited with " + status + "; see its message above");
        }
    }

    /** Stops a driver left running by a failure elsewhere. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}

package dev.dfs.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where the nemesis suite's node processes live and how it cuts the links between them.
 *
 * <p>With {@code ip} and {@code iptables} (and root), each node gets its own network namespace
 * {@code dfsnem<pid>-n<i>} on a bridge {@code dfsnem<pid>} in the host's namespace (node i at
 * {@code 10.231.<pid % 200>.i}, the host at {@code .254}); a partition is a DROP rule per direction
 * in the dedicated chain {@code DFS-NEMESIS} inside the namespaces of the two nodes, so no rule is
 * ever added to the host's own tables. {@link #close} deletes every rule, namespace and link this
 * object made (also from a shutdown hook, should the test JVM be stopped mid-run). Without those
 * commands every node is on 127.0.0.1 and {@link #canPartition} is false: the suite then logs why
 * and skips the partition steps.
 */
final class NodeNetwork implements AutoCloseable {
  static final String CHAIN = "DFS-NEMESIS";
  private static final Path IP = Path.of("/usr/sbin/ip");
  private static final Path IPTABLES = Path.of("/usr/sbin/iptables");

  private final String prefix;
  private final int subnet;
  private final int nodes;
  private final boolean namespaces;
  private final String missing;
  private final List<String> made = new ArrayList<>();
  private final Thread cleanup = new Thread(this::deleteAll, "nemesis-network-cleanup");

  private NodeNetwork(int nodes, boolean namespaces, String missing) {
    long pid = ProcessHandle.current().pid();
    this.prefix = "dfsnem" + pid;
    this.subnet = (int) (pid % 200) + 20;
    this.nodes = nodes;
    this.namespaces = namespaces;
    this.missing = missing;
  }

  /** Namespaces for {@code nodes} nodes when the commands exist; 127.0.0.1 for all otherwise. */
  static NodeNetwork create(int nodes) throws IOException, InterruptedException {
    String missing = null;
    if (!Files.isExecutable(IP) && !Files.isExecutable(Path.of("/sbin/ip")))
      missing = "the ip command (iproute2) is missing";
    else if (!Files.isExecutable(IPTABLES) && !Files.isExecutable(Path.of("/sbin/iptables")))
      missing = "the iptables command is missing";
    NodeNetwork net = new NodeNetwork(nodes, missing == null, missing);
    if (net.namespaces) {
      Runtime.getRuntime().addShutdownHook(net.cleanup);
      try {
        net.build();
      } catch (IOException | RuntimeException e) {
        net.close();
        throw e;
      }
    }
    return net;
  }

  private void build() throws IOException, InterruptedException {
    String bridge = prefix;
    run("ip", "link", "add", bridge, "type", "bridge");
    made.add("link " + bridge);
    run("ip", "addr", "add", hostAddress() + "/24", "dev", bridge);
    run("ip", "link", "set", bridge, "up");
    for (int i = 0; i < nodes; i++) {
      String ns = namespace(i);
      String host = prefix + "h" + i;
      String inside = prefix + "c" + i;
      run("ip", "netns", "add", ns);
      made.add("netns " + ns);
      run("ip", "link", "add", host, "type", "veth", "peer", "name", inside);
      made.add("link " + host);
      run("ip", "link", "set", inside, "netns", ns);
      run("ip", "link", "set", host, "master", bridge);
      run("ip", "link", "set", host, "up");
      run("ip", "-n", ns, "addr", "add", address(i) + "/24", "dev", inside);
      run("ip", "-n", ns, "link", "set", inside, "up");
      run("ip", "-n", ns, "link", "set", "lo", "up");
      inNamespace(i, "iptables", "-N", CHAIN);
      inNamespace(i, "iptables", "-I", "INPUT", "-j", CHAIN);
      inNamespace(i, "iptables", "-I", "OUTPUT", "-j", CHAIN);
    }
  }

  /** Whether links between nodes can be cut; when not, {@link #whyNot} says why. */
  boolean canPartition() {
    return namespaces;
  }

  String whyNot() {
    return missing;
  }

  /** The address node {@code i} listens on. */
  String address(int i) {
    return namespaces ? "10.231." + subnet + "." + (i + 1) : "127.0.0.1";
  }

  private String hostAddress() {
    return "10.231." + subnet + ".254";
  }

  /** The cluster port of node {@code i} (Raft: the next one): in the suite's range 23000-23999. */
  int clusterPort(int i) {
    return 23_200 + 10 * i;
  }

  /** What a node process's command line starts with: {@code ip netns exec <ns>}, or nothing. */
  List<String> launcher(int i) {
    return namespaces ? List.of("ip", "netns", "exec", namespace(i)) : List.of();
  }

  private String namespace(int i) {
    return prefix + "-n" + i;
  }

  /** Cuts every link between the nodes in {@code side} and every other node, both ways. */
  void isolate(List<Integer> side) throws IOException, InterruptedException {
    requirePartitions();
    for (int a : side) {
      for (int b = 0; b < nodes; b++) {
        if (side.contains(b)) continue;
        inNamespace(a, "iptables", "-A", CHAIN, "-s", address(b), "-j", "DROP");
        inNamespace(a, "iptables", "-A", CHAIN, "-d", address(b), "-j", "DROP");
        inNamespace(b, "iptables", "-A", CHAIN, "-s", address(a), "-j", "DROP");
        inNamespace(b, "iptables", "-A", CHAIN, "-d", address(a), "-j", "DROP");
      }
    }
  }

  /** Removes every rule {@link #isolate} added (the chains stay, empty). */
  void heal() throws IOException, InterruptedException {
    if (!namespaces) return;
    for (int i = 0; i < nodes; i++) inNamespace(i, "iptables", "-F", CHAIN);
  }

  /** The rules now in node {@code i}'s chain, one per line ({@code iptables -S}). */
  List<String> rules(int i) throws IOException, InterruptedException {
    requirePartitions();
    return run("ip", "netns", "exec", namespace(i), "iptables", "-S", CHAIN)
        .lines()
        .filter(l -> l.startsWith("-A"))
        .toList();
  }

  private void requirePartitions() {
    if (!namespaces) throw new IllegalStateException("no partitions: " + missing);
  }

  private void inNamespace(int i, String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace(i)));
    cmd.addAll(List.of(command));
    run(cmd.toArray(String[]::new));
  }

  /** Runs a command and returns its output; throws with the output when it fails. */
  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + String.join(" ", command));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0)
      throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    return out;
  }

  /** Deletes the namespaces (with their rules and veth ends) and the links, newest first. */
  private synchronized void deleteAll() {
    for (int k = made.size() - 1; k >= 0; k--) {
      String[] what = made.get(k).split(" ");
      try {
        if (what[0].equals("netns")) run("ip", "netns", "del", what[1]);
        else run("ip", "link", "del", what[1]);
      } catch (IOException | InterruptedException e) {
        // already gone (a veth end goes with its namespace); others are still tried
      }
    }
    made.clear();
  }

  @Override
  public void close() {
    deleteAll();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNotRegistered) {
      // the hook runs (or ran) anyway
    }
  }
}

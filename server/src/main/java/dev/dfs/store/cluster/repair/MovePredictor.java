package dev.dfs.store.cluster.repair;

import dev.dfs.store.ClusterLayout;
import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.local.ChunkId;
import dev.dfs.store.local.ChunkVolume.StoredChunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Predicts what a layout change moves, exactly, from the chunk catalog: for every referenced chunk
 * (after a read barrier, 1,000 a page) its owners before and after; each owner after that was not
 * one before receives a copy, from the node the repair worker copies it from ({@link ChunkRepair}:
 * the first owner after that was one before, in ranking order, else the first owner before). Reads
 * only this node's metadata, no replica. Thread-safe (no state).
 */
public final class MovePredictor {
  private static final int PAGE = 1_000;

  private final ChunkCatalog catalog;

  public MovePredictor(ChunkCatalog catalog) {
    this.catalog = catalog;
  }

  /** The moves from the owners {@code before} gives to those {@code after} gives. */
  public ClusterLayout.Moves predict(
      Function<ChunkId, List<Node>> before, Function<ChunkId, List<Node>> after)
      throws IOException {
    catalog.readBarrier();
    Map<String, long[]> links = new TreeMap<>();
    long chunks = 0;
    long bytes = 0;
    ChunkId from = null;
    while (true) {
      List<StoredChunk> page = catalog.referenced(from, PAGE);
      for (StoredChunk c : page) {
        for (String[] link : copies(before.apply(c.id()), after.apply(c.id()))) {
          long[] t = links.computeIfAbsent(link[0] + "\u0000" + link[1], k -> new long[2]);
          t[0]++;
          t[1] += c.length();
          chunks++;
          bytes += c.length();
        }
      }
      if (page.size() < PAGE) break;
      from = page.get(page.size() - 1).id();
    }
    List<ClusterLayout.Move> out = new ArrayList<>();
    links.forEach(
        (k, t) -> {
          int cut = k.indexOf('\u0000');
          out.add(new ClusterLayout.Move(k.substring(0, cut), k.substring(cut + 1), t[0], t[1]));
        });
    return new ClusterLayout.Moves(chunks, bytes, out);
  }

  /** One chunk's copies as {from, to} node ids: one per owner after that was not one before. */
  static List<String[]> copies(List<Node> before, List<Node> after) {
    List<String> was = before.stream().map(Node::id).toList();
    List<String[]> out = new ArrayList<>();
    for (Node target : after) {
      if (was.contains(target.id())) continue;
      String source =
          after.stream()
              .map(Node::id)
              .filter(was::contains)
              .findFirst()
              .orElse(was.isEmpty() ? null : was.get(0));
      if (source != null) out.add(new String[] {source, target.id()});
    }
    return out;
  }
}

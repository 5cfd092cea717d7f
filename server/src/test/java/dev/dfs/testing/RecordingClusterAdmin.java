package dev.dfs.testing;

import dev.dfs.store.ClusterAdmin;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records membership calls; refuses removing "n1" as the leader would. */
public final class RecordingClusterAdmin implements ClusterAdmin {
  public final List<String> calls = new CopyOnWriteArrayList<>();

  @Override
  public void promote(String nodeId) {
    calls.add("promote " + nodeId);
  }

  @Override
  public void remove(String nodeId) {
    if (nodeId.equals("n1")) throw new Refused(Refused.Kind.CONFLICT, "node n1 is the leader; transfer leadership first");
    if (nodeId.equals("n9")) throw new Refused(Refused.Kind.NOT_FOUND, "no member n9");
    calls.add("remove " + nodeId);
  }

  @Override
  public String transferLeadership(Optional<String> nodeId) {
    calls.add("transfer " + nodeId.orElse("-"));
    return nodeId.orElse("n2");
  }
}

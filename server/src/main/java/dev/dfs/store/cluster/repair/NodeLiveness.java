package dev.dfs.store.cluster.repair;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which peers this node declares dead: not heard from ({@code lastHeard}: their last answer to this
 * node's polls) for longer than {@code deadAfter}, counting from this node's start for a peer never
 * heard (so a node that just started declares nobody dead for that long). What follows from it
 * (placement over the others) is the caller's. This node never declares itself dead. Thread-safe.
 */
public final class NodeLiveness {
  private final List<String> peerIds;
  private final Function<String, Optional<Instant>> lastHeard;
  private final Duration deadAfter;
  private final Clock clock;
  private final Instant started;

  public NodeLiveness(
      List<String> peerIds,
      Function<String, Optional<Instant>> lastHeard,
      Duration deadAfter,
      Clock clock) {
    this.peerIds = List.copyOf(peerIds);
    this.lastHeard = lastHeard;
    this.deadAfter = deadAfter;
    this.clock = clock;
    this.started = clock.instant();
  }

  /** The ids of the peers declared dead now, in id order. */
  public Set<String> dead() {
    Instant now = clock.instant();
    Set<String> out = new TreeSet<>();
    for (String id : peerIds) {
      Instant heard = lastHeard.apply(id).filter(t -> t.isAfter(started)).orElse(started);
      if (Duration.between(heard, now).compareTo(deadAfter) > 0) out.add(id);
    }
    return out;
  }
}

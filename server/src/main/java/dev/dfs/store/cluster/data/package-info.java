/**
 * The data half of the cluster engine: chunk replicas on several nodes, outside Raft; wired by
 * {@link dev.dfs.store.cluster.ClusterNode} ({@code STORAGE_ENV=cluster}).
 *
 * <h2>Pieces</h2>
 *
 * <ul>
 *   <li>{@link dev.dfs.store.cluster.data.Placement}: chunk id to an ordered replica set (weighted
 *       rendezvous hashing, zone spread). Chosen over a stored partition table because it needs no
 *       assignment state, and the versioned layout (next step) then only commits the node list
 *       through Raft; a rebalance compares two layouts' answers.
 *   <li>{@link dev.dfs.store.cluster.data.ChunkService} / {@code ChunkHandler} / {@link
 *       dev.dfs.store.cluster.data.ChunkClient}: the node-to-node API (PUT, GET with offset and
 *       count, HEAD, DELETE, list, health) on its own Jetty listener.
 *   <li>{@link dev.dfs.store.cluster.data.ReplicatedWriter}: one body to RF replicas in parallel,
 *       acknowledged at the write quorum; {@link dev.dfs.store.cluster.data.ReplicatedReader}:
 *       nearest replica first, failover at the same byte offset, damage reported to a {@link
 *       dev.dfs.store.cluster.data.RepairQueue}.
 * </ul>
 *
 * <h2>Wire format and trust</h2>
 *
 * The chunk service carries every node-to-node HTTP exchange: chunk PUT, GET, HEAD, DELETE and
 * listing, {@code GET /v1/node} (the peers' polls every second), {@code /v1/health}, and {@code
 * POST /v1/members} (join, promote, remove). Its transport ({@link
 * dev.dfs.store.cluster.data.PeerTransport}) is plain HTTP or, with {@code DFS_CLUSTER_TLS} on (by
 * default when the S3 listener has a certificate), TLS 1.3 where both ends present the certificate
 * derived from the cluster secret ({@code SecretIdentity}, the one the Raft transport uses) and
 * accept only it; no host name is checked, the pinned certificate is the anchor. A listener reads a
 * connection's first byte before anything else ({@code TransportGuard}): a peer speaking the other
 * transport is logged with the setting to fix and disconnected at once. The two other node-to-node
 * channels are the Raft gRPC transport (mutual TLS with the same identity, always) and a follower's
 * forwarding of S3 writes to the leader's S3 listener ({@code dev.dfs.server.cluster.LeaderProxy}:
 * HTTPS when TLS is on and the leader serves it, its certificate verified by {@code LeaderTrust}).
 *
 * <p>On top of the transport, requests carry {@code X-Dfs-Node-Auth} ({@code RequestSignature}):
 * HMAC-SHA256 with the cluster secret over method, path and query, timestamp and a random nonce;
 * the receiver checks the clock window, compares in constant time and refuses a nonce it has seen.
 * Bodies in both directions are frames of at most 256 KiB, each with its CRC32C ({@code
 * FrameOutput}); a request body ends with a MAC of the body under a key derived from the secret and
 * the request's signature ({@code BodyMac}: Poly1305, one key per request), so a signed header
 * cannot carry another body, and the receiver publishes a chunk only after that trailer checked.
 *
 * <p>GET sends verified bytes, re-framed, rather than the on-disk blocks with their CRCs. The
 * serving node verifies its block CRCs as it reads (a damaged copy ends the stream with an error
 * frame, which the reader records as DAMAGED for that node); the frame CRCs then cover the wire, so
 * the reader still hands out nothing unverified. This keeps the wire independent of the chunk file
 * format (which changes to version 2 with CRCs bound to chunk id and block index, and later erasure
 * coding) at the cost of one CRC32C pass on each side (several GB/s with the CPU's instruction).
 *
 * <h2>Invariants</h2>
 *
 * <ul>
 *   <li>A write returns only after at least the quorum of replicas are fsynced and renamed into
 *       place; metadata (not here) commits after it. A write that fails leaves unreferenced
 *       replicas at worst (completed ones are deleted again, best effort); those are orphans for
 *       the sweeper, which in a cluster must confirm through a linearizable metadata read that
 *       nothing references them (not done yet: today's sweeper checks the local RocksDB only and
 *       runs over files older than its start).
 *   <li>Bytes handed out by a read were verified; failover continues at the first byte not handed
 *       out.
 *   <li>No user string reaches a file name or a URL here: only chunk ids (hex) and numbers.
 * </ul>
 */
package dev.dfs.store.cluster.data;

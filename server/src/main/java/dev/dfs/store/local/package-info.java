/**
 * The embedded single-node storage engine ({@link dev.dfs.store.local.LocalStore}).
 *
 * <h2>Data directory (format 1)</h2>
 *
 * <pre>
 *   FORMAT          "dfs-local 1": layout version, checked at open (newer: refused)
 *   meta/           RocksDB; column families (values start with a version byte, 1):
 *     default       "format" -> 1
 *     buckets       bucket                          -> created, region
 *     objects       bucket 0x00 key                 -> size, etag, mtime, metadata, checksum,
 *                                                      part sizes, inline id | chunk list
 *     inline        inline id (16 bytes)            -> crc32c, bytes (objects up to the
 *                                                      inline threshold, 64 KiB by default)
 *     uploads       bucket 0x00 key 0x00 uploadId   -> initiated, metadata, checksum algo/type
 *     parts         uploadId 0x00 partNumber(BE32)  -> size, md5, mtime, checksum, chunk id
 *     chunk_refs    chunk id (16 bytes)             -> owner (object or part key); the reverse
 *                                                      index the sweeper checks
 *   chunks/ab/cd/abcd…  chunk files named by random 128-bit ids: 16-byte header (magic DFSC,
 *                   version, block size), then blocks of data each followed by its CRC32C
 *   tmp/            bodies being written; emptied at open
 * </pre>
 *
 * <h2>Encryption at rest</h2>
 *
 * A write with a {@link dev.dfs.store.DataEncryption} stores ciphertext in the
 * {@link dev.dfs.crypto.BlockLayout} format (12-byte header, then 64 KiB plaintext blocks as
 * AES-256-GCM ciphertext plus tag) in the same places plaintext would go: the inline column
 * family or a chunk file (whose own CRC32C blocks then cover ciphertext), one piece per single
 * PUT or per part. Record sizes, part sizes, MD5s and checksums stay those of the plaintext;
 * a chunk reference's length is the stored (ciphertext) length. The object's metadata carries
 * {@link dev.dfs.store.ObjectAttributes#CIPHER}; the key itself is never stored here (the
 * protocol layer keeps it sealed or derivable in other attributes). The record format is
 * unchanged. See {@link dev.dfs.store.local.Staged} and
 * {@link dev.dfs.store.local.DecryptingObjectRead}.
 *
 * <h2>The commit seam</h2>
 *
 * Every metadata commit goes through a {@link dev.dfs.store.local.MetaLog}: on one node the
 * {@link dev.dfs.store.local.GroupCommitter} (a synced RocksDB write); in a cluster a Raft log
 * opened by {@link dev.dfs.store.local.LocalStore#openReplicated} over a
 * {@link dev.dfs.store.local.MetaReplica}, which is the only other door into this package's
 * database (apply a replicated batch, record the applied position, checkpoint, install a
 * checkpoint, digest). This package never refers to the cluster or to Raft.
 *
 * <h2>Invariants</h2>
 *
 * <ul>
 *   <li>A chunk file is in {@code chunks/} (fsynced, directory fsynced) before any metadata
 *       refers to it; metadata commits are synced RocksDB batches.
 *   <li>Each chunk belongs to exactly one object or part; its {@code chunk_refs} entry is written
 *       and removed in the same batch as the owning record.
 *   <li>Files are deleted only after the commit that unreferenced them, and only when no open
 *       read or in-flight write pins them ({@link dev.dfs.store.local.ChunkPins}). A crash
 *       therefore leaves at most orphan chunk files, which the sweeper removes.
 *   <li>User strings (bucket names, keys, upload ids) only ever become RocksDB key bytes.
 * </ul>
 */
package dev.dfs.store.local;

/**
 * The embedded single-node storage engine ({@link dev.dfs.store.local.LocalStore}).
 *
 * <h2>Data directory (format 2)</h2>
 *
 * <pre>
 *   FORMAT          "dfs-local 2": layout version, checked at open (newer: refused; 1: marked 2,
 *                   read as is)
 *   meta/           RocksDB; column families (record values start with a format version
 *                   byte, V1..V4, see RecordCodec; every older version is still read):
 *     default       "format" -> 2
 *     buckets       bucket                          -> created, region, versioning state
 *     objects       bucket 0x00 key                 -> the current version, not a delete
 *                                                      marker: size, etag, mtime, metadata,
 *                                                      checksum, part sizes, inline id | chunk
 *                                                      list, version key, version id
 *     versions      bucket 0x00 key 0x00 versionKey -> every version, delete markers too
 *                                                      (same record), newest first per key
 *     null_versions bucket 0x00 key                 -> version key of the key's null version
 *     bucket_config bucket 0x00 name                -> UTF-8 document (CORS, policy, tagging…);
 *                                                      a bucket's documents are read together
 *                                                      (one prefix scan) and cached as one map
 *     usage         bucket 0x00 'o'|'b'             -> object and byte counters (merge adds)
 *     inline        inline id (16 bytes)            -> crc32c XOR tag(inline id, 0), bytes
 *                                                      (objects up to the inline threshold,
 *                                                      64 KiB by default; value version 1:
 *                                                      plain crc32c)
 *     uploads       bucket 0x00 key 0x00 uploadId   -> initiated, metadata, checksum algo/type
 *     parts         uploadId 0x00 partNumber(BE32)  -> size, md5, mtime, checksum, chunk id
 *     chunk_refs    chunk id (16 bytes)             -> owner (object or part key); the reverse
 *                                                      index the sweeper checks
 *   chunks/ab/cd/abcd…  chunk files named by random 128-bit ids ({@link dev.dfs.store.local.ChunkFormat}):
 *                   version 2: 32-byte header (magic DFSC, version, block size, the chunk's
 *                   own id), then blocks of data each followed by CRC32C(data) XOR
 *                   tag(id, block index), tag = CRC32C(id ‖ index as 8 bytes big-endian);
 *                   version 1 (still read): 16-byte header without the id, plain CRC32C
 *   tmp/            bodies being written; emptied at open
 * </pre>
 *
 * <h2>Encryption at rest</h2>
 *
 * A write with a {@link dev.dfs.store.DataEncryption} stores ciphertext in the {@link
 * dev.dfs.crypto.BlockLayout} format (12-byte header, then 64 KiB plaintext blocks as AES-256-GCM
 * ciphertext plus tag) in the same places plaintext would go: the inline column family or a chunk
 * file (whose own CRC32C blocks then cover ciphertext), one piece per single PUT or per part.
 * Record sizes, part sizes, MD5s and checksums stay those of the plaintext; a chunk reference's
 * length is the stored (ciphertext) length. The object's metadata carries {@link
 * dev.dfs.store.ObjectAttributes#CIPHER}; the key itself is never stored here (the protocol layer
 * keeps it sealed or derivable in other attributes). The record format is unchanged. See {@link
 * dev.dfs.store.local.Staged} and {@link dev.dfs.store.local.DecryptingObjectRead}.
 *
 * <h2>Integrity on reads</h2>
 *
 * Every block a read returns is verified before any of its bytes are handed out; because each check
 * is bound to the chunk id and block index, a block moved within a file, a file replaced by another
 * chunk, or an inline value stored under another id fails like a flipped bit. A read of a whole
 * object is also checked against the record's full-object checksum when it is CRC32C (combined from
 * the block CRCs, no pass over the data) or CRC32 (one pass), before its last bytes are handed out
 * ({@link dev.dfs.store.local.WholeObjectCheck}); other checksums and the MD5 ETag are not
 * recomputed on reads. Damage of any kind (bad block, truncated, missing or misplaced chunk, bad
 * inline value, a record that does not decode) is a {@link dev.dfs.store.StoreError#CORRUPT_DATA}
 * error naming bucket/key and chunk, raised before the first byte when it is in the first block,
 * else mid-stream (the protocol layer then cuts the response); the engine itself does not log it.
 * Code that reads or writes chunk files elsewhere (replication, repair) goes through {@link
 * dev.dfs.store.local.ChunkWriter}, {@link dev.dfs.store.local.ChunkReader} and {@link
 * dev.dfs.store.local.ChunkFormat}, whose {@link dev.dfs.store.local.CorruptChunkException} names
 * the bad chunk.
 *
 * <h2>The commit seam</h2>
 *
 * Every metadata commit goes through a {@link dev.dfs.store.local.MetaLog}: on one node the {@link
 * dev.dfs.store.local.GroupCommitter} (a synced RocksDB write); in a cluster a Raft log opened by
 * {@link dev.dfs.store.local.LocalStore#openReplicated} over a {@link
 * dev.dfs.store.local.MetaReplica}, which is the only other door into this package's database
 * (apply a replicated batch, record the applied position, checkpoint, install a checkpoint,
 * digest). This package never refers to the cluster or to Raft.
 *
 * <h2>Invariants</h2>
 *
 * <ul>
 *   <li>A chunk file is in {@code chunks/} (fsynced, directory fsynced) before any metadata refers
 *       to it; metadata commits are synced RocksDB batches.
 *   <li>Each chunk belongs to exactly one object or part; its {@code chunk_refs} entry is written
 *       and removed in the same batch as the owning record.
 *   <li>Files are deleted only after the commit that unreferenced them, and only when no open read
 *       or in-flight write pins them ({@link dev.dfs.store.local.ChunkPins}). A crash therefore
 *       leaves at most orphan chunk files, which the sweeper removes.
 *   <li>User strings (bucket names, keys, upload ids) only ever become RocksDB key bytes.
 * </ul>
 */
package dev.dfs.store.local;

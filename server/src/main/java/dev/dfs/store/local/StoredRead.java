package dev.dfs.store.local;

import dev.dfs.store.ObjectRead;
import java.io.IOException;
import java.io.InputStream;

/**
 * An open read that can also hand out its stored bytes as they lie (ciphertext for an encrypted
 * version), for {@link DecryptingObjectRead}: the local copy ({@link LocalObjectRead}) or a tier's
 * ({@link TieredObjectRead}).
 */
interface StoredRead extends ObjectRead {
  /** Stored bytes {@code first..last} (inclusive); each stream must be closed. */
  InputStream stored(long first, long last) throws IOException;
}

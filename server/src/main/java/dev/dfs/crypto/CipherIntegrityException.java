package dev.dfs.crypto;

import java.io.IOException;

/**
 * Encrypted data failed authentication: a block was altered, moved, truncated or belongs to another
 * object, or the header is damaged. No byte of such a block is ever returned.
 */
public final class CipherIntegrityException extends IOException {
  public CipherIntegrityException(String message) {
    super(message);
  }
}

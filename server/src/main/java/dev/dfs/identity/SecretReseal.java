package dev.dfs.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dfs.crypto.MasterKey;
import dev.dfs.util.SystemTable;
import java.io.IOException;
import java.util.Base64;

/**
 * Seals the identity table's master-key-sealed values again under the current master key, for a
 * master-key rotation: each access key's secret ({@link IdentityCodec}, bound to its access key id)
 * and the cluster's master key check ({@link MasterKeyCheck}). Values already under the current key
 * are left as they are, so running it again is harmless. Stateless.
 */
final class SecretReseal {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SecretReseal() {}

  /** How many values in {@code table} are not sealed under {@code key}'s current key. */
  static int stale(SystemTable table, MasterKey key) throws IOException {
    int n = 0;
    for (SystemTable.Entry e : table.scan(IdentityCodec.KEY)) {
      if (!key.sealedByCurrent(secretOf(e.requireValue()))) n++;
    }
    var check = table.get(MasterKeyCheck.KEY);
    if (check.isPresent() && !key.sealedByCurrent(check.get())) n++;
    return n;
  }

  /**
   * Seals every value of {@code table} not under {@code key}'s current key again, in one atomic
   * write; returns how many.
   *
   * @throws IOException when a value does not open under the current or a previous key
   */
  static int reseal(SystemTable table, MasterKey key) throws IOException {
    return table.write(
        changes -> {
          int n = 0;
          for (SystemTable.Entry e : table.scan(IdentityCodec.KEY)) {
            ObjectNode node = (ObjectNode) JSON.readTree(e.value());
            byte[] sealed = Base64.getDecoder().decode(node.get("secret").asText());
            if (key.sealedByCurrent(sealed)) continue;
            byte[] again = key.reseal(sealed, node.get("id").asText());
            node.put("secret", Base64.getEncoder().encodeToString(again));
            changes.put(e.key(), JSON.writeValueAsBytes(node));
            n++;
          }
          var check = table.get(MasterKeyCheck.KEY);
          if (check.isPresent() && !key.sealedByCurrent(check.get())) {
            changes.put(MasterKeyCheck.KEY, key.reseal(check.get(), MasterKeyCheck.KEY));
            n++;
          }
          return n;
        });
  }

  private static byte[] secretOf(byte[] value) throws IOException {
    return Base64.getDecoder().decode(JSON.readTree(value).get("secret").asText());
  }
}

package dev.dfs.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The root user's credentials: an access key pair and an API key. Taken from configuration when
 * given; otherwise read from {@code <dataDir>/root-credentials.properties}, or generated on the
 * first start and stored there with mode 0600.
 *
 * @param generated true when this start created them (the caller prints them once)
 */
public record RootCredentials(
    String accessKey, String secretKey, String apiKey, boolean generated) {
  static final String FILE_NAME = "root-credentials.properties";
  private static final String ALPHANUM_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String SECRET_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  @Override
  public String toString() {
    return "RootCredentials[accessKey=" + accessKey + ", secretKey=***, apiKey=***]";
  }

  /**
   * Resolves the root credentials.
   *
   * @param configuredAccessKey DFS_ROOT_ACCESS_KEY or null
   * @param configuredSecretKey DFS_ROOT_SECRET_KEY or null (both or neither)
   */
  public static RootCredentials resolve(
      Path dataDir, @Nullable String configuredAccessKey, @Nullable String configuredSecretKey)
      throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    Properties stored = new Properties();
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        stored.load(in);
      }
    }
    if (configuredAccessKey != null) {
      String apiKey = stored.getProperty("apiKey");
      if (apiKey == null) {
        apiKey = random(SECRET_CHARS.substring(0, 62), 40);
        stored.setProperty("apiKey", apiKey);
        write(file, stored);
      }
      // DfsConfig refuses one key without the other
      String secretKey =
          Objects.requireNonNull(
              configuredSecretKey, "the root secret key comes with the access key");
      return new RootCredentials(configuredAccessKey, secretKey, apiKey, false);
    }
    if (stored.getProperty("accessKey") != null
        && stored.getProperty("secretKey") != null
        && stored.getProperty("apiKey") != null) {
      return new RootCredentials(
          stored.getProperty("accessKey"),
          stored.getProperty("secretKey"),
          stored.getProperty("apiKey"),
          false);
    }
    stored.setProperty("accessKey", "DFS" + random(ALPHANUM_UPPER, 17));
    stored.setProperty("secretKey", random(SECRET_CHARS, 40));
    stored.setProperty("apiKey", random(SECRET_CHARS.substring(0, 62), 40));
    write(file, stored);
    return new RootCredentials(
        stored.getProperty("accessKey"),
        stored.getProperty("secretKey"),
        stored.getProperty("apiKey"),
        true);
  }

  /**
   * These credentials with the API key every node of a cluster shares: derived (HMAC-SHA256 under
   * the cluster secret) from the root key pair, which the cluster's nodes must share too, so a
   * request carrying it is accepted by whichever node it reaches or is forwarded to. A per-node
   * random key would be refused by the leader a follower forwards to. The derived key replaces the
   * stored one in {@code <dataDir>/root-credentials.properties}, where {@code dfs admin --data-dir}
   * reads it.
   */
  public RootCredentials sharedByCluster(Path dataDir, String clusterSecret) throws IOException {
    String shared;
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              clusterSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest =
          mac.doFinal(
              ("dfs root api key\n" + accessKey + "\n" + secretKey)
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      shared = java.util.HexFormat.of().formatHex(digest).substring(0, 40);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
    if (!shared.equals(apiKey)) {
      Path file = dataDir.resolve(FILE_NAME);
      Properties stored = new Properties();
      if (Files.exists(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          stored.load(in);
        }
      }
      stored.setProperty("apiKey", shared);
      write(file, stored);
    }
    return new RootCredentials(accessKey, secretKey, shared, generated);
  }

  private static void write(Path file, Properties props) throws IOException {
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(
        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
      props.store(out, "DFS root credentials: keep this file secret");
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String random(String alphabet, int length) {
    SecureRandom rnd = new SecureRandom();
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
